import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { GqlContext } from '../../common/request-context';
import {
  ArchiveServiceArgs,
  CreateServiceInput,
  ReportAvailabilityArgs,
  UpdateServiceArgs,
} from './dto/service.input';
import { ListingService } from './listing.service';
import { Service } from '../../catalogue/models/service.model';

@Resolver(() => Service)
export class ListingResolver {
  constructor(private readonly listings: ListingService) {}

  @Mutation(() => Service, {
    description: 'ADMIN, or an EDITOR of the organisation: adds a listing (version 1).',
  })
  createService(
    @Args('input') input: CreateServiceInput,
    @Context() ctx: GqlContext,
  ): Promise<Service> {
    return this.listings.createService(ctx.viewer, input);
  }

  @Mutation(() => Service, {
    description:
      'ADMIN or the owning EDITOR: changes the given fields. STALE_VERSION (with extensions.currentVersion) if someone saved since expectedVersion.',
  })
  updateService(@Args() args: UpdateServiceArgs, @Context() ctx: GqlContext): Promise<Service> {
    return this.listings.updateService(ctx.viewer, args.id, args.expectedVersion, args.input);
  }

  @Mutation(() => Service, {
    description:
      'ADMIN or the owning EDITOR: removes the listing from every answer (it stays in the audit).',
  })
  archiveService(@Args() args: ArchiveServiceArgs, @Context() ctx: GqlContext): Promise<Service> {
    return this.listings.archiveService(ctx.viewer, args.id, args.expectedVersion);
  }

  @Mutation(() => Service, {
    description:
      'ADMIN or the owning EDITOR: confirms the listing is still correct (sets verifiedAt). STALE_VERSION if someone saved since expectedVersion.',
  })
  confirmService(@Args() args: ArchiveServiceArgs, @Context() ctx: GqlContext): Promise<Service> {
    return this.listings.confirmService(ctx.viewer, args.id, args.expectedVersion);
  }

  @Mutation(() => Service, {
    description: 'ADMIN or the owning EDITOR: today’s free and total places (stamped now).',
  })
  reportAvailability(
    @Args() args: ReportAvailabilityArgs,
    @Context() ctx: GqlContext,
  ): Promise<Service> {
    return this.listings.reportAvailability(ctx.viewer, args.id, args.freePlaces, args.totalPlaces);
  }
}
