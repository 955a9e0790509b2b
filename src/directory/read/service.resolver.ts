import { Args, Context, Info, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Page } from '../../common/pagination';
import { GqlContext } from '../../common/request-context';
import { selectsField } from '../../common/selection';
import { GeographyService } from '../../geography/geography.service';
import { Municipality, Region } from '../../geography/models/geography.models';
import { Need, ServiceType, TargetGroup } from '../../taxonomy/models/taxonomy.models';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { CatalogueService } from '../../catalogue/catalogue.service';
import { IdArgs, ServicesArgs } from '../../catalogue/dto/service-filter.input';
import { Organisation } from '../../organisations/models/organisation.model';
import { OrganisationsService } from '../../organisations/organisations.service';
import { PrivateDetailsService } from '../../accounts/private-details.service';
import { ServicePages } from '../../catalogue/service-pages';
import {
  Address,
  Contact,
  Coverage,
  Service,
  ServiceConnection,
} from '../../catalogue/models/service.model';

@Resolver(() => Service)
export class ServiceResolver {
  constructor(
    private readonly catalogue: CatalogueService,
    private readonly pages: ServicePages,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
    private readonly organisations: OrganisationsService,
    private readonly privateDetails: PrivateDetailsService,
  ) {}

  @Query(() => ServiceConnection, {
    description: 'Services matching a filter, by name (Relay connection).',
  })
  services(@Args() args: ServicesArgs, @Info() info: GraphQLResolveInfo): Promise<Page<Service>> {
    return this.pages.listServices(args.filter, args, selectsField(info, 'totalCount'));
  }

  @Query(() => Service, { nullable: true, description: 'A service by id (null if there is none).' })
  service(@Args() { id }: IdArgs): Promise<Service | null> {
    return this.catalogue.getService(id);
  }

  @ResolveField(() => ServiceType)
  async type(@Parent() service: Service): Promise<ServiceType | undefined> {
    return (await this.taxonomy.get()).serviceTypeByCode.get(service.typeCode);
  }

  @ResolveField(() => Organisation)
  organisation(
    @Parent() service: Service,
    @Context() ctx: GqlContext,
  ): Promise<Organisation | null> {
    return this.organisations.loader(ctx.loaders).load(service.organisationId);
  }

  @ResolveField(() => [TargetGroup])
  async targetGroups(@Parent() service: Service): Promise<TargetGroup[]> {
    const tax = await this.taxonomy.get();
    return service.targetGroupCodes.flatMap((c) => tax.targetGroups.get(c) ?? []);
  }

  @ResolveField(() => [Need])
  async needs(@Parent() service: Service): Promise<Need[]> {
    const tax = await this.taxonomy.get();
    return service.needCodes.flatMap((c) => tax.needs.get(c) ?? []);
  }

  @ResolveField(() => Municipality, {
    nullable: true,
    description: 'Where the service is located.',
  })
  async municipality(@Parent() service: Service): Promise<Municipality | null> {
    return service.municipalityCode
      ? (await this.geography.get()).municipality(service.municipalityCode)
      : null;
  }

  @ResolveField(() => Address, {
    nullable: true,
    description:
      'Null when the address is confidential (and for services without an address), except for ADMIN and the owning organisation’s EDITORs.',
  })
  address(
    @Parent() service: Service,
    @Context() ctx: GqlContext,
  ): Promise<Address | null> | Address | null {
    return service.addressConfidential
      ? this.privateDetails.confidentialAddress(service, ctx)
      : service.publicAddress;
  }

  @ResolveField(() => [Service], {
    description:
      'Onward referrals the organisation declares: "our clients usually continue to" these services, in order (archived ones drop out).',
  })
  continuesTo(@Parent() service: Service, @Context() ctx: GqlContext): Promise<Service[]> {
    return this.declared(service.continuesToIds, ctx);
  }

  @ResolveField(() => [Service], {
    description:
      'Onward referrals the organisation declares: "if we are full, try" these services, in order (archived ones drop out).',
  })
  ifFullTry(@Parent() service: Service, @Context() ctx: GqlContext): Promise<Service[]> {
    return this.declared(service.ifFullTryIds, ctx);
  }

  @ResolveField(() => Contact)
  contact(@Parent() service: Service): Contact {
    return {
      ...service.contact,
      serviceId: service.id,
      organisationId: service.organisationId,
    };
  }

  private async declared(ids: readonly string[], ctx: GqlContext): Promise<Service[]> {
    if (ids.length === 0) {
      return [];
    }
    const loaded = await this.catalogue.serviceLoader(ctx.loaders).loadMany([...ids]);
    return loaded.filter((s): s is Service => s !== null && !(s instanceof Error));
  }
}

@Resolver(() => Contact)
export class ContactResolver {
  constructor(private readonly privateDetails: PrivateDetailsService) {}

  @ResolveField(() => String, {
    nullable: true,
    description:
      'A direct intake line for professionals: shown to PROFESSIONAL, ADMIN and the owning organisation’s EDITORs only.',
  })
  professionalPhone(
    @Parent() contact: Contact,
    @Context() ctx: GqlContext,
  ): Promise<string | null> {
    return this.privateDetails.professionalPhone(contact, ctx);
  }
}

@Resolver(() => Coverage)
export class CoverageResolver {
  constructor(private readonly geography: GeographyService) {}

  @ResolveField(() => [Region], { description: 'Regions covered as a whole.' })
  async regions(@Parent() coverage: Coverage): Promise<Region[]> {
    const geo = await this.geography.get();
    return coverage.regionCodes.flatMap((c) => geo.region(c) ?? []);
  }

  @ResolveField(() => [Municipality], { description: 'Single municipalities covered.' })
  async municipalities(@Parent() coverage: Coverage): Promise<Municipality[]> {
    const geo = await this.geography.get();
    return coverage.municipalityCodes.flatMap((c) => geo.municipality(c) ?? []);
  }
}
