import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Service } from '../../catalogue/models/service.model';
import { GqlContext } from '../../common/request-context';
import { CatalogueService } from '../../catalogue/catalogue.service';
import { FreshnessService } from './freshness.service';
import { FreshnessArgs } from './dto/freshness.args';
import { ListingFreshness, UnconfirmedListing } from './models/listing-freshness.model';

@Resolver(() => UnconfirmedListing)
export class FreshnessResolver {
  constructor(
    private readonly freshness: FreshnessService,
    private readonly catalogue: CatalogueService,
  ) {}

  @Query(() => ListingFreshness, {
    description:
      'ADMIN: listings of any organisation (or all) not confirmed within LISTING_CONFIRM_DAYS. EDITOR: its own organisation’s only.',
  })
  listingFreshness(
    @Args() args: FreshnessArgs,
    @Context() ctx: GqlContext,
  ): Promise<ListingFreshness> {
    return this.freshness.listingFreshness(ctx.viewer, args.organisationId ?? null);
  }

  @ResolveField(() => Service)
  async service(
    @Parent() listing: UnconfirmedListing,
    @Context() ctx: GqlContext,
  ): Promise<Service | null> {
    return this.catalogue.serviceLoader(ctx.loaders).load(listing.serviceId);
  }
}
