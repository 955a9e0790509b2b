import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AuditEntry } from '../audit/models/audit-entry.model';
import { IdArgs } from '../catalogue/dto/service-filter.input';
import { Page, PageArgs } from '../common/pagination';
import { GqlContext } from '../common/request-context';
import { CreateOrganisationInput } from './dto/organisation.input';
import { Organisation, OrganisationConnection } from './models/organisation.model';
import { OrganisationsService } from './organisations.service';

// Organisation.services is resolved by directory, which owns listings.
@Resolver(() => Organisation)
export class OrganisationResolver {
  constructor(private readonly service: OrganisationsService) {}

  @Query(() => OrganisationConnection, { description: 'Organisations by name (Relay connection).' })
  organisations(@Args() page: PageArgs): Promise<Page<Organisation>> {
    return this.service.list(page);
  }

  @Query(() => Organisation, {
    nullable: true,
    description: 'An organisation by id (null if there is none).',
  })
  organisation(@Args() { id }: IdArgs): Promise<Organisation | null> {
    return this.service.get(id);
  }

  @Mutation(() => Organisation, { description: 'ADMIN: adds a partner organisation.' })
  createOrganisation(
    @Args('input') input: CreateOrganisationInput,
    @Context() ctx: GqlContext,
  ): Promise<Organisation> {
    return this.service.create(ctx.viewer, input);
  }
}

/** The organisation of an audit entry's author (organisations resolves it on audit's type). */
@Resolver(() => AuditEntry)
export class AuditEntryOrganisationResolver {
  constructor(private readonly organisations: OrganisationsService) {}

  @ResolveField(() => Organisation, {
    nullable: true,
    description: 'The organisation of the EDITOR token that made the change (null for ADMIN).',
  })
  async organisation(
    @Parent() entry: AuditEntry,
    @Context() ctx: GqlContext,
  ): Promise<Organisation | null> {
    return entry.organisationId
      ? this.organisations.loader(ctx.loaders).load(entry.organisationId)
      : null;
  }
}
