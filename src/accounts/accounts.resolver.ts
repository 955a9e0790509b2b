import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GqlContext } from '../common/request-context';
import { AccountsService } from './accounts.service';
import { ApiTokensArgs, CreateApiTokenInput, RevokeApiTokenArgs } from './dto/api-token.input';
import { ApiToken, CreatedApiToken, Me } from './models/api-token.model';

// The `organisation` fields of Me and ApiToken are resolved by organisations (it owns them).
@Resolver(() => Me)
export class MeResolver {
  @Query(() => Me, { description: 'The caller: role, token name and organisation.' })
  me(@Context() ctx: GqlContext): Me {
    const v = ctx.viewer;
    return {
      role: v.role,
      tokenName: v.tokenName,
      organisationId: v.organisationId,
    };
  }
}

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  constructor(private readonly accounts: AccountsService) {}

  @Query(() => [ApiToken], {
    description:
      'ADMIN: any organisation’s tokens (every token when organisationId is left out). EDITOR: its own organisation’s. Newest first; never the secret.',
  })
  apiTokens(@Args() args: ApiTokensArgs, @Context() ctx: GqlContext): Promise<ApiToken[]> {
    return this.accounts.listTokens(ctx.viewer, args.organisationId ?? null);
  }

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
    description: 'Revokes a token at once. ADMIN: every token; EDITOR: its own organisation’s.',
  })
  revokeApiToken(
    @Args() { id }: RevokeApiTokenArgs,
    @Context() ctx: GqlContext,
  ): Promise<ApiToken> {
    return this.accounts.revokeToken(ctx.viewer, id);
  }
}
