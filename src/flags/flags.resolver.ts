import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GqlContext } from '../common/request-context';
import { CloseListingFlagArgs, FlagListingInput, ListingFlagsArgs } from './dto/flag.input';
import { FlagsService } from './flags.service';
import { FlagReceipt, FlagStatus, ListingFlag } from './models/listing-flag.model';

@Resolver(() => ListingFlag)
export class FlagsResolver {
  constructor(private readonly flags: FlagsService) {}

  @Mutation(() => FlagReceipt, {
    description:
      'Anyone: says a current listing is wrong (a reason and an optional note). Limited per client address.',
  })
  flagListing(
    @Args('input') input: FlagListingInput,
    @Context() ctx: GqlContext,
  ): Promise<FlagReceipt> {
    const client = ctx.req.ip ?? ctx.req.socket.remoteAddress ?? 'unknown';
    return this.flags.flagListing(client, input);
  }

  @Query(() => [ListingFlag], {
    description:
      'ADMIN: flags on every listing. EDITOR: on its own organisation’s listings. Newest first; at most 200.',
  })
  listingFlags(@Args() args: ListingFlagsArgs, @Context() ctx: GqlContext): Promise<ListingFlag[]> {
    return this.flags.listFlags(ctx.viewer, args.status ?? FlagStatus.OPEN, args.serviceId ?? null);
  }

  @Mutation(() => ListingFlag, {
    description: 'ADMIN, or an EDITOR of the listing’s organisation: marks a flag as dealt with.',
  })
  closeListingFlag(
    @Args() args: CloseListingFlagArgs,
    @Context() ctx: GqlContext,
  ): Promise<ListingFlag> {
    return this.flags.closeFlag(ctx.viewer, args.id);
  }
}
