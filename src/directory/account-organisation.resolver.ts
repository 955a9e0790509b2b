import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ApiToken, Me } from '../accounts/models/api-token.model';
import { GqlContext } from '../common/request-context';
import { DirectoryService } from './directory.service';
import { Organisation } from './models/organisation.model';

/**
 * The organisation of the caller and of a token. Directory owns organisations and resolves these
 * fields on accounts' types, so accounts (which directory uses for access rules) never imports
 * directory: no loop between the two modules.
 */
@Resolver(() => Me)
export class MeOrganisationResolver {
  constructor(private readonly directory: DirectoryService) {}

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
export class ApiTokenOrganisationResolver {
  constructor(private readonly directory: DirectoryService) {}

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
