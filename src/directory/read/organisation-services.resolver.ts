import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Service } from '../../catalogue/models/service.model';
import { GqlContext } from '../../common/request-context';
import { Organisation } from '../../organisations/models/organisation.model';
import { CatalogueService } from '../../catalogue/catalogue.service';

/** An organisation's listings: directory owns listings and resolves them on organisations' type. */
@Resolver(() => Organisation)
export class OrganisationServicesResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @ResolveField(() => [Service], { description: 'The organisation’s current services, by name.' })
  async services(@Parent() org: Organisation, @Context() ctx: GqlContext): Promise<Service[]> {
    return (await this.catalogue.servicesOfOrganisationLoader(ctx.loaders).load(org.id)) ?? [];
  }
}
