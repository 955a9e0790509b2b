import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Availability } from '../../catalogue/models/availability.model';
import { Service } from '../../catalogue/models/service.model';
import { Municipality } from '../../geography/models/geography.models';
import { Need, Phase, TargetGroup } from '../../taxonomy/models/taxonomy.models';

export enum Language {
  DA = 'DA',
  EN = 'EN',
}
registerEnumType(Language, {
  name: 'Language',
  description: 'Language of reasons, next steps and guidance.',
  valuesMap: { DA: { description: 'Danish (default).' }, EN: { description: 'English.' } },
});

export enum CoverageMatch {
  MUNICIPALITY = 'MUNICIPALITY',
  REGION = 'REGION',
  NATIONAL = 'NATIONAL',
  OUTSIDE_AREA = 'OUTSIDE_AREA',
}
registerEnumType(CoverageMatch, {
  name: 'CoverageMatch',
  description: 'How a service relates to the person’s place.',
  valuesMap: {
    MUNICIPALITY: { description: 'Located in or covering the person’s municipality.' },
    REGION: {
      description: 'Covering the person’s region, or located in / covering a municipality in it.',
    },
    NATIONAL: { description: 'Covers the whole country.' },
    OUTSIDE_AREA: {
      description: 'Outside the person’s area; shown only for a need nothing in the area meets.',
    },
  },
});

export { Availability };

@ObjectType({ description: 'One place the person can be referred to, with why and what next.' })
export class ReferralOption {
  @Field(() => Int, { description: 'Position in the full ranked list (1 is the best first call).' })
  rank!: number;

  @Field(() => Float, {
    description:
      'Higher is better; encodes the ranking keys (away from places to keep away from, needs met, fit, availability, coverage, language; not distance, which a secret address must not show). For display only: order by rank.',
  })
  score!: number;

  @Field(() => Service)
  service!: Service;

  @Field(() => [Need], {
    description: 'Requested needs this service meets (fully, or partly by a narrower need).',
  })
  matchedNeeds!: Need[];

  @Field(() => [TargetGroup], { description: 'Requested target groups this service serves.' })
  matchedTargetGroups!: TargetGroup[];

  @Field(() => CoverageMatch)
  coverage!: CoverageMatch;

  @Field(() => Float, {
    nullable: true,
    description: 'Km from the person’s place to the service’s municipality (null without a place).',
  })
  distanceKm!: number | null;

  @Field(() => Availability)
  availability!: Availability;

  @Field(() => [String], { description: 'Why this one, a few words each.' })
  reasons!: string[];

  @Field(() => [String], { description: 'What the professional does now.' })
  nextSteps!: string[];

  @Field(() => [ReferralOption], {
    description:
      'When this option is FULL: where to try instead, for the same needs. First the services its organisation declared ("if we are full, try"), then the next best that are not full, by the usual ranking (at most 3). Empty otherwise.',
  })
  ifFull!: ReferralOption[];
}

@ObjectType({ description: 'The options that meet one requested need, ranked.' })
export class NeedOptions {
  @Field(() => Need)
  need!: Need;

  @Field(() => [ReferralOption])
  options!: ReferralOption[];
}

/** Services every municipality must offer, which answer an aftercare need when nothing listed near does. */
export enum MunicipalServiceKind {
  JOB_CENTRE = 'JOB_CENTRE',
  HOUSING_ALLOCATION = 'HOUSING_ALLOCATION',
  LANGUAGE_CENTRE = 'LANGUAGE_CENTRE',
  CITIZEN_SERVICE = 'CITIZEN_SERVICE',
}
registerEnumType(MunicipalServiceKind, {
  name: 'MunicipalServiceKind',
  description: 'A service every municipality offers by law.',
  valuesMap: {
    JOB_CENTRE: { description: 'Jobcenter: work and education.' },
    HOUSING_ALLOCATION: { description: 'Boliganvisning: housing.' },
    LANGUAGE_CENTRE: { description: 'Sprogcenter: Danish lessons.' },
    CITIZEN_SERVICE: { description: 'Borgerservice: contact with the authorities.' },
  },
});

@ObjectType({
  description:
    'The person’s own municipality, for a need every municipality meets by law (work and education, housing, Danish lessons, contact with authorities).',
})
export class MunicipalService {
  @Field(() => Municipality)
  municipality!: Municipality;

  @Field(() => MunicipalServiceKind)
  kind!: MunicipalServiceKind;

  @Field({ description: 'Which service of the municipality, and what it helps with.' })
  text!: string;
}

@ObjectType({
  description:
    'What usually comes next after the requested needs (the referral chain), with where to go for it.',
})
export class FollowUp {
  @Field(() => Need)
  need!: Need;

  @Field(() => [Need], { description: 'The requested needs this follows.' })
  after!: Need[];

  @Field(() => [ReferralOption], {
    description:
      'Ranked like the options; in the person’s area, or the nearest outside it when none is (at most 3). For an aftercare need: services in the person’s municipality first; for a need every municipality meets, only those.',
  })
  options!: ReferralOption[];

  @Field(() => MunicipalService, {
    nullable: true,
    description:
      'For a need every municipality meets by law, when a place is known: the person’s own municipality. It comes after the listed services in `options`, and is the answer when there are none.',
  })
  municipalService!: MunicipalService | null;
}

@ObjectType({ description: 'A requested need that nothing in the person’s area meets.' })
export class UnmetNeed {
  @Field(() => Need)
  need!: Need;

  @Field(() => ReferralOption, {
    nullable: true,
    description: 'The nearest service outside the area that meets it (null if there is none).',
  })
  nearest!: ReferralOption | null;
}

/** Every piece of guidance the referral gives; `guidanceCodes` (guidance.ts) picks them, in this order. */
export enum GuidanceCode {
  DANGER_CALL_112 = 'DANGER_CALL_112',
  SHELTER_PLACES_1888 = 'SHELTER_PLACES_1888',
  RAPE_ACUTE_EXAMINATION = 'RAPE_ACUTE_EXAMINATION',
  VICTIMS_COUNSEL = 'VICTIMS_COUNSEL',
  DUTY_TO_NOTIFY = 'DUTY_TO_NOTIFY',
  DUTY_TO_NOTIFY_UNBORN = 'DUTY_TO_NOTIFY_UNBORN',
  INTERPRETER = 'INTERPRETER',
  NO_PLACE_GIVEN = 'NO_PLACE_GIVEN',
}
registerEnumType(GuidanceCode, {
  name: 'GuidanceCode',
  description: 'Which guidance it is: stable, for styling or acting on it.',
  valuesMap: {
    DANGER_CALL_112: { description: 'A safety or police-protection need: call 112.' },
    SHELTER_PLACES_1888: {
      description:
        'A victim’s stay is asked for: Lev Uden Vold (1888) keeps the national overview of free shelter places.',
    },
    RAPE_ACUTE_EXAMINATION: {
      description:
        'Acute examination after rape: go now, evidence within 72 hours, no police report needed.',
    },
    VICTIMS_COUNSEL: {
      description:
        'A victim after a rape, or asking for legal advice: the right to a free victims’ counsel (bistandsadvokat), asked for through the police.',
    },
    DUTY_TO_NOTIFY: {
      description:
        'Children in the groups, children coming along or living in the home, or a person under 18: the duty to notify, on a mere suspicion (Barnets lov § 133).',
    },
    DUTY_TO_NOTIFY_UNBORN: {
      description:
        'A pregnant woman (the group, or a pregnancy need): the duty to notify about the unborn child (Barnets lov § 133, notification before birth).',
    },
    INTERPRETER: {
      description:
        'The first options do not speak the person’s language: book an interpreter; names a place near that speaks it, when there is one.',
    },
    NO_PLACE_GIVEN: {
      description: 'Neither municipality nor position given: only national services are ranked.',
    },
  },
});

@ObjectType({ description: 'Advice that comes with the answer, with a stable code.' })
export class Guidance {
  @Field(() => GuidanceCode)
  code!: GuidanceCode;

  @Field()
  text!: string;
}

@ObjectType({ description: 'Where to refer the person: ranked options, per need, gaps, guidance.' })
export class Referral {
  @Field(() => [ReferralOption], { description: 'Ranked, best first (at most `limit`).' })
  options!: ReferralOption[];

  @Field(() => [NeedOptions], { description: 'Per requested need, the options meeting it.' })
  byNeed!: NeedOptions[];

  @Field(() => [UnmetNeed])
  unmetNeeds!: UnmetNeed[];

  @Field(() => [FollowUp], {
    description:
      'The referral chain: what comes next (e.g. after a rape centre: psychological help, legal advice).',
  })
  followUps!: FollowUp[];

  @Field(() => [Guidance])
  guidance!: Guidance[];

  @Field(() => Municipality, {
    nullable: true,
    description: 'The person’s municipality: the one given, or the one nearest to `near`.',
  })
  municipality!: Municipality | null;
}

@ObjectType({ description: 'One next step of a referral plan: a need, why it comes, where to go.' })
export class PlanStep {
  @Field(() => Need)
  need!: Need;

  @Field({
    description:
      'Why this step: the needs it usually follows, or the organisation that declared it as where its clients usually continue.',
  })
  reason!: string;

  @Field(() => [Need], {
    description:
      'The needs (requested, or earlier steps) this step usually follows; empty for a step only an organisation declared.',
  })
  after!: Need[];

  @Field(() => [ReferralOption], {
    description:
      'Ranked like the referral options, for this need: declared onward referrals first, then in the person’s area, or the nearest outside it when none is (at most 3). For an aftercare need: services in the person’s municipality first; for a need every municipality meets, only those.',
  })
  options!: ReferralOption[];

  @Field(() => MunicipalService, {
    nullable: true,
    description:
      'For a need every municipality meets by law, when a place is known: the person’s own municipality. It comes after the listed services in `options`, and is the answer when there are none.',
  })
  municipalService!: MunicipalService | null;
}

@ObjectType({ description: 'The steps of one phase of the action plans, in order.' })
export class PlanPhase {
  @Field(() => Phase)
  phase!: Phase;

  @Field(() => [PlanStep])
  steps!: PlanStep[];
}

@ObjectType({
  description:
    'Where to refer the person now, and what usually follows, phase by phase (detection, support, aftercare).',
})
export class ReferralPlan {
  @Field(() => Referral, { description: 'The referral answer for now (as `referral` gives it).' })
  referral!: Referral;

  @Field(() => [PlanPhase], {
    description:
      'What follows, by phase of the action plans (only phases with steps, in order): each need once, no cycle followed, at most 5 steps per phase.',
  })
  phases!: PlanPhase[];
}
