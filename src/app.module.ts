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
import { operationLogPlugin } from './common/logging';
import { postOnlyPlugin } from './common/post-only';
import { projectRoot } from './common/project-root';
import { MAX_QUERY_TOKENS, queryLimitsPlugin, refusalRule } from './common/query-limits';
import { GqlContext, LoaderRegistry, PUBLIC_VIEWER } from './common/request-context';
import { SafeDocumentCache } from './common/document-cache';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DirectoryModule } from './directory/directory.module';
import { FlagsModule } from './flags/flags.module';
import { GeographyModule } from './geography/geography.module';
import { HealthModule } from './health/health.module';
import { HsdsModule } from './hsds/hsds.module';
import { Neo4jModule } from './neo4j/neo4j.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ReferralModule } from './referral/referral.module';
import { SearchOutboxModule } from './search/sync/search-outbox';
import { SearchModule } from './search/search.module';
import { TaxonomyModule } from './taxonomy/taxonomy.module';

/** The GraphQL layer's settings; the schema file's place follows the validated configuration. */
function graphqlOptions(config: AppConfig, documents: SafeDocumentCache): ApolloDriverConfig {
  return {
    driver: ApolloDriver,
    // Development and tests write the schema so it is committed and reviewed; a production
    // image builds it in memory (its file system is read-only to the app).
    autoSchemaFile: config.production ? true : join(projectRoot(), 'schema.gql'),
    sortSchema: true,
    playground: false,
    // The schema is public in development (GraphiQL, codegen); production answers no introspection.
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    // Parsed and validated documents are cached only when they hold no inline value that could
    // describe a person (no string, object, list or float literal, no comment): a referral typed
    // inline instead of as variables is parsed every time and never kept (document-cache.ts).
    // The query limits still run on every request with its own variables (queryLimitsPlugin).
    documentStore: documents,
    // Automatic persisted queries would keep the query text of any request that asks for it
    // (an inline referral too) in memory: off. The page and the API's clients send the query.
    persistedQueries: false,
    parseOptions: { maxTokens: MAX_QUERY_TOKENS },
    plugins: [queryLimitsPlugin(), safeVariablesPlugin(), postOnlyPlugin(), operationLogPlugin()],
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
    const documents = new SafeDocumentCache();
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        Neo4jModule,
        GraphQLModule.forRoot<ApolloDriverConfig>(graphqlOptions(config, documents)),
        SearchOutboxModule,
        TaxonomyModule,
        GeographyModule,
        OrganisationsModule,
        DirectoryModule,
        FlagsModule,
        SearchModule,
        AccountsModule,
        ReferralModule,
        HealthModule,
        HsdsModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: GraphQLExceptionFilter },
        // The GraphQL layer's document cache, for tests and diagnostics.
        { provide: SafeDocumentCache, useValue: documents },
      ],
    };
  }
}
