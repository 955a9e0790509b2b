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
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ReferralRoute } from '../../catalogue/models/service.model';
import {
  HTTP_URL,
  NamedEntityInput,
  URL_MESSAGE,
} from '../../organisations/dto/organisation.input';
import { LANGUAGE_PATTERN } from '../../catalogue/dto/service-filter.input';
import { IsDanishPhone } from './listing-validators';

const MAX_AGE = 120;
const MAX_PLACES = 10_000;
/** Declared onward referrals per list. */
export const MAX_ONWARD = 10;

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
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  regionCodes!: string[];

  @Field(() => [String], { description: 'Single municipalities covered (codes).' })
  @ArrayMaxSize(98)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(10, { each: true })
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
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  targetGroupCodes!: string[];

  @Field(() => [String], { description: 'Need codes (at least one).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(40)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(60, { each: true })
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

  @Field(() => String, { nullable: true, description: 'An http(s) URL.' })
  @IsOptional()
  @IsUrl(HTTP_URL, { message: URL_MESSAGE })
  @MaxLength(500)
  website?: string | null;

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
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AGE)
  minAge?: number | null;

  @Field(() => Int, { nullable: true, description: '0..120, at least minAge.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AGE)
  maxAge?: number | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  acceptsChildren?: boolean | null;

  @Field(() => Int, { nullable: true, description: '0..120.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AGE)
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
  @ArrayMaxSize(MAX_ONWARD)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  continuesToIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: `Onward referrals: "if we are full, try" these services (ids of current services, in order; at most ${MAX_ONWARD}). Replaces the list; null or [] clears it.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_ONWARD)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  ifFullTryIds?: string[] | null;
}

@ArgsType()
export class UpdateServiceArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(200)
  id!: string;

  @Field(() => Int, { description: 'The version you edited (Service.version).' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @Field(() => UpdateServiceInput)
  @ValidateNested()
  @Type(() => UpdateServiceInput)
  input!: UpdateServiceInput;
}

@ArgsType()
export class ArchiveServiceArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(200)
  id!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}

@ArgsType()
export class ReportAvailabilityArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(200)
  id!: string;

  @Field(() => Int, { description: '0..totalPlaces.' })
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES)
  freePlaces!: number;

  @Field(() => Int, { description: '0..10000.' })
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES)
  totalPlaces!: number;
}
