import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ApiToken, Me } from '../accounts/models/api-token.model';
import { GqlContext } from '../common/request-context';
import { Organisation } from './models/organisation.model';
import { OrganisationsService } from './organisations.service';

/**
 * The organisation of the caller and of a token. Organisations resolves these fields on
 * accounts' types, so accounts (which the features use for access rules) never imports
 * organisations: no loop between the two modules.
 */
@Resolver(() => Me)
export class MeOrganisationResolver {
  constructor(private readonly organisations: OrganisationsService) {}

  @ResolveField(() => Organisation, {
    nullable: true,
    description: 'The organisation an EDITOR token is bound to.',
  })
  async organisation(@Parent() me: Me, @Context() ctx: GqlContext): Promise<Organisation | null> {
    return me.organisationId
      ? this.organisations.loader(ctx.loaders).load(me.organisationId)
      : null;
  }
}

@Resolver(() => ApiToken)
export class ApiTokenOrganisationResolver {
  constructor(private readonly organisations: OrganisationsService) {}

  @ResolveField(() => Organisation, { nullable: true })
  async organisation(
    @Parent() token: ApiToken,
    @Context() ctx: GqlContext,
  ): Promise<Organisation | null> {
    return token.organisationId
      ? this.organisations.loader(ctx.loaders).load(token.organisationId)
      : null;
  }
}
