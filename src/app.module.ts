import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import { join } from 'node:path';
import { AccountsModule } from './accounts/accounts.module';
import { formatGraphQLError } from './common/format-error';
import { GraphQLExceptionFilter } from './common/graphql-exception.filter';
import { safeVariablesPlugin } from './common/input-errors';
import { projectRoot } from './common/project-root';
import { MAX_QUERY_TOKENS, queryLimitsPlugin, refusalRule } from './common/query-limits';
import { GqlContext, LoaderRegistry, PUBLIC_VIEWER } from './common/request-context';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DirectoryModule } from './directory/directory.module';
import { GeographyModule } from './geography/geography.module';
import { HealthModule } from './health/health.module';
import { Neo4jModule } from './neo4j/neo4j.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ReferralModule } from './referral/referral.module';
import { SearchOutboxModule } from './search/search-outbox';
import { SearchModule } from './search/search.module';
import { TaxonomyModule } from './taxonomy/taxonomy.module';

/** The GraphQL layer's settings; the schema file's place follows the validated configuration. */
function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    // Development and tests write the schema so it is committed and reviewed; a production
    // image builds it in memory (its file system is read-only to the app).
    autoSchemaFile: config.production ? true : join(projectRoot(), 'schema.gql'),
    sortSchema: true,
    playground: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // No cache of parsed operations: a referral typed inline (instead of as variables) would
    // otherwise stay in memory; parsing and validating again costs well under a millisecond.
    // It also makes every request pass the query limits, which run right after parsing.
    documentStore: null,
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    plugins: [queryLimitsPlugin(), safeVariablesPlugin()],
    validationRules: [refusalRule],
    formatError: formatGraphQLError,
    context: ({ req }: { req: Request }): GqlContext => ({
      req,
      loaders: new LoaderRegistry(),
      viewer: PUBLIC_VIEWER,
    }),
  };
}

/**
 * The API: every feature module behind the GraphQL layer. `forRoot` takes the configuration the
 * entry point validated (main.ts, the API tests); the CLIs compose smaller modules (src/cli).
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        Neo4jModule,
        GraphQLModule.forRoot<ApolloDriverConfig>(graphqlOptions(config)),
        SearchOutboxModule,
        TaxonomyModule,
        GeographyModule,
        OrganisationsModule,
        DirectoryModule,
        SearchModule,
        AccountsModule,
        ReferralModule,
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: GraphQLExceptionFilter }],
    };
  }
}
