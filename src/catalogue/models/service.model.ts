import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination';

export enum ReferralRoute {
  SELF = 'SELF',
  MUNICIPALITY = 'MUNICIPALITY',
  PROFESSIONAL = 'PROFESSIONAL',
  POLICE = 'POLICE',
}
registerEnumType(ReferralRoute, {
  name: 'ReferralRoute',
  description: 'How a person gets to a service.',
  valuesMap: {
    SELF: { description: 'The person may contact the service directly.' },
    MUNICIPALITY: { description: 'Referral through the municipality (e.g. children’s houses).' },
    PROFESSIONAL: { description: 'Referral by a doctor, midwife or other professional.' },
    POLICE: {
      description: 'After the police (or municipality) has acted, e.g. removal from the home.',
    },
  },
});

@ObjectType()
export class Address {
  @Field()
  street!: string;

  @Field()
  postalCode!: string;

  @Field()
  city!: string;
}

@ObjectType()
export class Contact {
  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  website!: string | null;

  /** Set by ServiceResolver.contact so the professional-only fields can check the owner. */
  serviceId?: string;
  organisationId?: string;
}

@ObjectType()
export class Eligibility {
  @Field(() => Int, { nullable: true, description: 'Youngest age served (null: no limit).' })
  minAge!: number | null;

  @Field(() => Int, { nullable: true, description: 'Oldest age served (null: no limit).' })
  maxAge!: number | null;

  @Field({ description: 'Takes children who come along with the person.' })
  acceptsChildren!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Oldest accompanying boy accepted, where a shelter has such a limit.',
  })
  maxBoyAge!: number | null;
}

@ObjectType()
export class Capacity {
  @Field(() => Int, { nullable: true })
  totalPlaces!: number | null;

  @Field(() => Int, { nullable: true })
  freePlaces!: number | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the organisation last reported its places.',
  })
  reportedAt!: Date | null;
}

@ObjectType()
export class Coverage {
  @Field({ description: 'Covers the whole country.' })
  national!: boolean;

  regionCodes!: string[];
  municipalityCodes!: string[];
}

@ObjectType({
  description: 'A listing: one service of an organisation, where people can be referred.',
})
export class Service {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  typeCode!: string;
  organisationId!: string;
  municipalityCode!: string | null;
  targetGroupCodes!: string[];
  needCodes!: string[];
  /** Declared onward referrals, in order (archived targets drop out where they are loaded). */
  continuesToIds!: string[];
  ifFullTryIds!: string[];

  @Field(() => Coverage)
  coverage!: Coverage;

  /** Only present when the address is public; a confidential address never enters this model. */
  publicAddress!: Address | null;

  @Field({
    description:
      'The address is kept secret (e.g. a shelter); `address` is then null for the public.',
  })
  addressConfidential!: boolean;

  /** Resolved by ServiceResolver.contact (it adds the owner for the professional-only fields). */
  contact!: Contact;

  @Field(() => String, { nullable: true })
  openingHours!: string | null;

  @Field({ description: 'Open (or reachable) around the clock.' })
  open24h!: boolean;

  @Field(() => Eligibility)
  eligibility!: Eligibility;

  @Field(() => [String], { description: 'Languages spoken (ISO 639-1).' })
  languages!: string[];

  @Field(() => Boolean, { nullable: true, description: 'Step-free access (null: not known).' })
  wheelchairAccessible!: boolean | null;

  @Field({ description: 'Can be used without giving one’s name.' })
  anonymous!: boolean;

  @Field(() => [ReferralRoute])
  referralRoutes!: ReferralRoute[];

  @Field({ description: 'The person may contact the service directly.' })
  selfReferral!: boolean;

  @Field(() => Capacity, { nullable: true })
  capacity!: Capacity | null;

  @Field({ description: 'Demonstration data: not a verified listing.' })
  demo!: boolean;

  @Field(() => Int, {
    description: 'Increases with every change; send it back as expectedVersion when editing.',
  })
  version!: number;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the organisation last confirmed the listing.',
  })
  verifiedAt!: Date | null;
}

@ObjectType()
export class ServiceConnection extends Connection(Service, 'Service') {}
