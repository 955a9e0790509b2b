import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

/** Why someone says a listing is wrong: a short fixed list, so no personal data is asked for. */
export enum FlagReason {
  PHONE_WRONG = 'PHONE_WRONG',
  HOURS_WRONG = 'HOURS_WRONG',
  PLACES_WRONG = 'PLACES_WRONG',
  WHO_OR_WHAT_WRONG = 'WHO_OR_WHAT_WRONG',
  CLOSED = 'CLOSED',
  OTHER = 'OTHER',
}
registerEnumType(FlagReason, {
  name: 'FlagReason',
  description: 'What is wrong with a listing, as the person who flagged it saw it.',
  valuesMap: {
    PHONE_WRONG: { description: 'The phone number does not work or is wrong.' },
    HOURS_WRONG: { description: 'The opening hours are wrong.' },
    PLACES_WRONG: { description: 'The reported places are wrong.' },
    WHO_OR_WHAT_WRONG: { description: 'Whom it helps or with what is wrong.' },
    CLOSED: { description: 'The service has closed or no longer exists.' },
    OTHER: { description: 'Something else (see the note).' },
  },
});

export enum FlagStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(FlagStatus, { name: 'FlagStatus' });

@ObjectType({
  description:
    '"Something is wrong here": a flag on a listing. Read by ADMIN and the listing’s organisation.',
})
export class ListingFlag {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  serviceId!: string;

  @Field({ description: 'The listing’s name when the flag was read.' })
  serviceName!: string;

  /** The owner, for the access check; not a field. */
  organisationId!: string;

  @Field(() => FlagReason)
  reason!: FlagReason;

  @Field(() => String, { nullable: true, description: 'Up to 300 characters; never logged.' })
  note!: string | null;

  @Field(() => FlagStatus)
  status!: FlagStatus;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The name of the token that closed it.' })
  closedBy!: string | null;
}

@ObjectType({ description: 'What the person who flagged a listing gets back.' })
export class FlagReceipt {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}
