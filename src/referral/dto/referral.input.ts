import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LANGUAGE_PATTERN } from '../../catalogue/dto/service-filter.input';
import { MAX_REFERRAL_LIMIT } from '../../common/pagination';
import { Language } from '../models/referral.model';

export const MAX_LIMIT = MAX_REFERRAL_LIMIT;
export const MAX_AGE = 120;
export const MAX_CHILD_AGE = 17;
/** Municipalities a referral may name to keep away from. */
export const MAX_KEEP_AWAY = 5;

/** Target group or need codes: 1..20 of them, each at most 60 characters. */
const Codes = () =>
  applyDecorators(
    IsArray(),
    ArrayNotEmpty(),
    ArrayMaxSize(20),
    IsString({ each: true }),
    MaxLength(60, { each: true }),
  );

/** Ages of children (0..17), at most 20; may be left out. */
const OptionalChildAges = () =>
  applyDecorators(
    IsOptional(),
    IsArray(),
    ArrayMaxSize(20),
    IsInt({ each: true }),
    Min(0, { each: true }),
    Max(MAX_CHILD_AGE, { each: true }),
  );

@InputType({ description: 'A position (WGS-84); it must lie inside Denmark.' })
export class GeoPointInput {
  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  latitude!: number;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  longitude!: number;
}

@InputType({
  description:
    'What the person needs and where they are. It describes needs, not a person: it is never stored or logged.',
})
export class ReferralInput {
  @Field(() => [String], {
    description: 'Target group codes, e.g. ["women", "pregnant-women"]; at least one.',
  })
  @Codes()
  targetGroupCodes!: string[];

  @Field(() => [String], {
    description: 'Need codes, e.g. ["emergency-stay", "psychological-treatment"]; at least one.',
  })
  @Codes()
  needCodes!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Where the person is (official municipality code); or give `near`, not both.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  municipalityCode?: string;

  @Field(() => GeoPointInput, {
    nullable: true,
    description: 'Where the person is, as a position inside Denmark; or `municipalityCode`.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPointInput)
  near?: GeoPointInput;

  @Field(() => [String], {
    nullable: true,
    description:
      'Municipalities (official codes, at most 5) the person must keep away from, e.g. where the family or a stalker lives: services located there or near come after all others.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_KEEP_AWAY)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  keepAwayFrom?: string[];

  @Field(() => Int, { nullable: true, description: 'Age of the person, 0..120.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AGE)
  age?: number;

  @Field(() => [Int], {
    nullable: true,
    description: 'Ages (0..17) of the children who come along.',
  })
  @OptionalChildAges()
  accompanyingChildren?: number[];

  @Field(() => [Int], {
    nullable: true,
    description:
      'Ages of the boys among accompanyingChildren (each must also be listed there). When given, services whose boy age limit is lower are excluded; when not given, the limit is only mentioned.',
  })
  @OptionalChildAges()
  accompanyingBoys?: number[];

  @Field(() => [Int], {
    nullable: true,
    description:
      'Ages (0..17) of children who live in the home and stay there (they see or hear the violence). Brings the duty to notify into the guidance and a step for the children into a plan.',
  })
  @OptionalChildAges()
  childrenAtHome?: number[];

  @Field(() => [String], {
    nullable: true,
    description: 'Languages the person speaks (ISO 639-1, e.g. "ar").',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(LANGUAGE_PATTERN, {
    each: true,
    message: 'languages must be ISO 639-1 codes like "da" or "ar"',
  })
  languages?: string[];

  @Field(() => Boolean, { nullable: true, description: 'Needs step-free access.' })
  @IsOptional()
  @IsBoolean()
  wheelchair?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only places the person can contact directly (self-referral).',
  })
  @IsOptional()
  @IsBoolean()
  selfReferralOnly?: boolean;

  @Field(() => Int, { defaultValue: 10, description: 'How many options, 1..50.' })
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit: number = 10;
}

@ArgsType()
export class ReferralArgs {
  @Field(() => ReferralInput)
  @ValidateNested()
  @Type(() => ReferralInput)
  input!: ReferralInput;

  @Field(() => Language, { defaultValue: Language.DA })
  @IsEnum(Language)
  language: Language = Language.DA;
}
