import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';

/** The three phases both action plans are built on. */
export enum Phase {
  DETECTION = 'DETECTION',
  SUPPORT = 'SUPPORT',
  AFTERCARE = 'AFTERCARE',
}
registerEnumType(Phase, {
  name: 'Phase',
  description: 'The phases of the action plans against violence in close relationships.',
  valuesMap: {
    DETECTION: { description: 'Detection and prevention (opsporing og forebyggelse).' },
    SUPPORT: {
      description:
        'Treatment, support and care for the victim, and treatment of the perpetrator (behandling og støtte).',
    },
    AFTERCARE: {
      description:
        'Aftercare and exit: housing, work and education, Danish lessons, contact with authorities (efterværn og udslusning).',
    },
  },
});

/** When a next step applies only to some people. */
export type FollowUpCondition = 'OTHER_LANGUAGE';

/** One link of the referral chain: the next need, and the condition under which it applies. */
export interface FollowUpLink {
  code: string;
  /** OTHER_LANGUAGE: only for a person who speaks a language other than Danish. */
  when: FollowUpCondition | null;
}

@ObjectType({ description: 'A kind of service, e.g. womens-shelter, childrens-house.' })
export class ServiceType {
  @Field()
  code!: string;

  @Field({ description: 'Danish name.' })
  name!: string;

  @Field({ description: 'English name.' })
  nameEn!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Phase, { description: 'The phase of the action plans this kind of service is in.' })
  phase!: Phase;
}

@ObjectType({
  description: 'A group of people a service is for; broader groups include narrower ones.',
})
export class TargetGroup {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field()
  nameEn!: string;

  parentCode!: string | null;
}

@ObjectType({ description: 'A need a service meets; broader needs include narrower ones.' })
export class Need {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field()
  nameEn!: string;

  parentCode!: string | null;

  @Field(() => Phase, { description: 'The phase of the action plans this need belongs to.' })
  phase!: Phase;

  /** What usually comes next for a person with this need (the referral chain), in order. */
  followUpLinks!: FollowUpLink[];
}
