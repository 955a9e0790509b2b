import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, ID, InputType, Int, OmitType, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ReferralRoute } from '../../../catalogue/models/service.model';
import { NamedEntityInput } from '../../../organisations/dto/organisation.input';
import { IdArgs, LANGUAGE_PATTERN } from '../../../catalogue/dto/service-filter.input';
import { IsDanishPhone } from './listing-validators';

const MAX_AGE = 120;
const MAX_PLACES = 10_000;
/** Declared onward referrals per list. */
export const MAX_ONWARD = 10;

/** A list of distinct codes or ids: at most `maxItems`, each a string of at most `maxLength`. */
const UniqueStrings = (maxItems: number, maxLength: number) =>
  applyDecorators(
    ArrayMaxSize(maxItems),
    ArrayUnique(),
    IsString({ each: true }),
    MaxLength(maxLength, { each: true }),
  );

/** An age in years, 0..120; null or left out: no limit. */
const OptionalAge = () => applyDecorators(IsOptional(), IsInt(), Min(0), Max(MAX_AGE));

/** A number of places, 0..10000. */
const Places = () => applyDecorators(IsInt(), Min(0), Max(MAX_PLACES));

@InputType()
export class AddressInput {
  @Field({ description: 'Street and number, 1..200 characters.' })
  @IsString()
  @Length(1, 200)
  street!: string;

  @Field({ description: 'A Danish postal code: four digits.' })
  @Matches(/^\d{4}$/, { message: 'postalCode must be four digits' })
  postalCode!: string;

  @Field({ description: '1..100 characters.' })
  @IsString()
  @Length(1, 100)
  city!: string;
}

@InputType()
export class CoverageInput {
  @Field({ description: 'Covers the whole country.' })
  @IsBoolean()
  national!: boolean;

  @Field(() => [String], { description: 'Regions covered as a whole (codes).' })
  @UniqueStrings(5, 10)
  regionCodes!: string[];

  @Field(() => [String], { description: 'Single municipalities covered (codes).' })
  @UniqueStrings(98, 10)
  municipalityCodes!: string[];
}

@InputType()
export class CreateServiceInput extends NamedEntityInput {
  @Field(() => ID, { description: 'The organisation that operates the service.' })
  @IsString()
  @MaxLength(200)
  organisationId!: string;

  @Field({ description: 'A service type code.' })
  @IsString()
  @MaxLength(60)
  typeCode!: string;

  @Field(() => [String], { description: 'Target group codes (at least one).' })
  @ArrayMinSize(1)
  @UniqueStrings(20, 60)
  targetGroupCodes!: string[];

  @Field(() => [String], { description: 'Need codes (at least one).' })
  @ArrayMinSize(1)
  @UniqueStrings(40, 60)
  needCodes!: string[];

  @Field(() => CoverageInput)
  @ValidateNested()
  @Type(() => CoverageInput)
  coverage!: CoverageInput;

  @Field({ description: 'The municipality where the service is located (code).' })
  @IsString()
  @MaxLength(10)
  municipalityCode!: string;

  @Field(() => AddressInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressInput)
  address?: AddressInput | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Keep the address secret (shown only to ADMIN and the organisation’s EDITORs).',
  })
  @IsOptional()
  @IsBoolean()
  addressConfidential?: boolean | null;

  @Field(() => String, { nullable: true, description: 'A Danish phone number.' })
  @IsOptional()
  @IsDanishPhone()
  phone?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A direct intake line for professionals (not shown to the public).',
  })
  @IsOptional()
  @IsDanishPhone()
  professionalPhone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Up to 500 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  openingHours?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  open24h?: boolean | null;

  @Field(() => Int, { nullable: true, description: '0..120, at most maxAge.' })
  @OptionalAge()
  minAge?: number | null;

  @Field(() => Int, { nullable: true, description: '0..120, at least minAge.' })
  @OptionalAge()
  maxAge?: number | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  acceptsChildren?: boolean | null;

  @Field(() => Int, { nullable: true, description: '0..120.' })
  @OptionalAge()
  maxBoyAge?: number | null;

  @Field(() => [String], { nullable: true, description: 'ISO 639-1 codes.' })
  @IsOptional()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @Matches(LANGUAGE_PATTERN, {
    each: true,
    message: 'languages must be ISO 639-1 codes like "da" or "ar"',
  })
  languages?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Step-free access (null: not known).' })
  @IsOptional()
  @IsBoolean()
  wheelchairAccessible?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean | null;

  @Field(() => [ReferralRoute], { description: 'How people get there (at least one).' })
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(ReferralRoute, { each: true })
  referralRoutes!: ReferralRoute[];
}

/**
 * Every field optional: an omitted field is left as it is, `null` clears an optional field
 * (and is rejected for a required one, since null is validated rather than skipped).
 */
@InputType()
export class UpdateServiceInput extends PartialType(
  OmitType(CreateServiceInput, ['organisationId', 'id'] as const, InputType),
  { decorator: InputType, skipNullProperties: false },
) {
  @Field(() => [ID], {
    nullable: true,
    description: `Onward referrals: "our clients usually continue to" these services (ids of current services, any organisation's; in order; at most ${MAX_ONWARD}). Replaces the list; null or [] clears it.`,
  })
  @IsOptional()
  @UniqueStrings(MAX_ONWARD, 200)
  continuesToIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: `Onward referrals: "if we are full, try" these services (ids of current services, in order; at most ${MAX_ONWARD}). Replaces the list; null or [] clears it.`,
  })
  @IsOptional()
  @UniqueStrings(MAX_ONWARD, 200)
  ifFullTryIds?: string[] | null;
}

/** A service and the version the caller last read: a stale version is STALE_VERSION. */
@ArgsType()
export class ArchiveServiceArgs extends IdArgs {
  @Field(() => Int, { description: 'The version you last read (Service.version).' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}

@ArgsType()
export class UpdateServiceArgs extends ArchiveServiceArgs {
  @Field(() => UpdateServiceInput)
  @ValidateNested()
  @Type(() => UpdateServiceInput)
  input!: UpdateServiceInput;
}

@ArgsType()
export class ReportAvailabilityArgs extends IdArgs {
  @Field(() => Int, { description: '0..totalPlaces.' })
  @Places()
  freePlaces!: number;

  @Field(() => Int, { description: '0..10000.' })
  @Places()
  totalPlaces!: number;
}
