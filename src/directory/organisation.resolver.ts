import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Page, PageArgs } from '../common/pagination';
import { GqlContext } from '../common/request-context';
import { DirectoryService } from './directory.service';
import { IdArgs } from '../catalogue/dto/service-filter.input';
import { Organisation, OrganisationConnection } from './models/organisation.model';
import { Service } from '../catalogue/models/service.model';

@Resolver(() => Organisation)
export class OrganisationResolver {
  constructor(private readonly directory: DirectoryService) {}

  @Query(() => OrganisationConnection, { description: 'Organisations by name (Relay connection).' })
  organisations(@Args() page: PageArgs): Promise<Page<Organisation>> {
    return this.directory.listOrganisations(page);
  }

  @Query(() => Organisation, {
    nullable: true,
    description: 'An organisation by id (null if there is none).',
  })
  organisation(@Args() { id }: IdArgs): Promise<Organisation | null> {
    return this.directory.getOrganisation(id);
  }

  @ResolveField(() => [Service], { description: 'The organisation’s current services, by name.' })
  async services(@Parent() org: Organisation, @Context() ctx: GqlContext): Promise<Service[]> {
    return (await this.directory.servicesOfOrganisationLoader(ctx.loaders).load(org.id)) ?? [];
  }
}
