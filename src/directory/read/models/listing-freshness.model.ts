import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description: 'A current listing its organisation has not confirmed within the window.',
})
export class UnconfirmedListing {
  /** Resolved as `service` by FreshnessResolver (so the caller's role decides what it shows). */
  serviceId!: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When it was last confirmed, or created if it never was (null: not known).',
  })
  lastConfirmedAt!: Date | null;

  @Field({ description: 'Never confirmed since it was created.' })
  neverConfirmed!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Whole days since lastConfirmedAt (null when it is not known).',
  })
  daysSinceConfirmed!: number | null;
}

@ObjectType({ description: 'Which listings are due for their organisation’s confirmation.' })
export class ListingFreshness {
  @Field(() => Int, { description: 'LISTING_CONFIRM_DAYS: the confirmation window in days.' })
  windowDays!: number;

  @Field(() => [UnconfirmedListing], {
    description: `Listings last confirmed (or created) before the window, oldest first; at most 500.`,
  })
  unconfirmed!: UnconfirmedListing[];
}
