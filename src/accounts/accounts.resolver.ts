import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { GqlContext } from '../common/request-context';
import { DirectoryService } from '../directory/directory.service';
import { Organisation } from '../directory/models/organisation.model';
import { AccountsService } from './accounts.service';
import { CreateApiTokenInput, RevokeApiTokenArgs } from './dto/api-token.input';
import { ApiToken, CreatedApiToken, Me, Role } from './models/api-token.model';

@Resolver(() => Me)
export class MeResolver {
  constructor(private readonly directory: DirectoryService) {}

  @Query(() => Me, { description: 'The caller: role, token name and organisation.' })
  me(@Context() ctx: GqlContext): Me {
    const v = ctx.viewer;
    return {
      role: v.role === 'PUBLIC' ? null : Role[v.role],
      tokenName: v.tokenName,
      organisationId: v.organisationId,
    };
  }

  @ResolveField(() => Organisation, {
    nullable: true,
    description: 'The organisation an EDITOR token is bound to.',
  })
  async organisation(@Parent() me: Me, @Context() ctx: GqlContext): Promise<Organisation | null> {
    return me.organisationId
      ? this.directory.organisationLoader(ctx.loaders).load(me.organisationId)
      : null;
  }
}

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly directory: DirectoryService,
  ) {}

  @Mutation(() => CreatedApiToken, {
    description:
      'ADMIN: any token. EDITOR: EDITOR tokens for its own organisation. The token is shown once.',
  })
  createApiToken(
    @Args('input') input: CreateApiTokenInput,
    @Context() ctx: GqlContext,
  ): Promise<CreatedApiToken> {
    return this.accounts.createToken(ctx.viewer, input);
  }

  @Mutation(() => ApiToken, {
    description: 'Revokes a token at once. ADMIN: any; EDITOR: its own organisation’s.',
  })
  revokeApiToken(
    @Args() { id }: RevokeApiTokenArgs,
    @Context() ctx: GqlContext,
  ): Promise<ApiToken> {
    return this.accounts.revokeToken(ctx.viewer, id);
  }

  @ResolveField(() => Organisation, { nullable: true })
  async organisation(
    @Parent() token: ApiToken,
    @Context() ctx: GqlContext,
  ): Promise<Organisation | null> {
    return token.organisationId
      ? this.directory.organisationLoader(ctx.loaders).load(token.organisationId)
      : null;
  }
}
