import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '../../common/pagination';

export const CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const LANGUAGE_PATTERN = /^[a-z]{2}$/;

@InputType({
  description: 'All given conditions must hold; codes are expanded along the hierarchies.',
})
export class ServiceFilterInput {
  @Field(() => [String], { nullable: true, description: 'Service type codes (any of).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  typeCodes?: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      'Target group codes (any of); a group includes its narrower groups, and a service for a broader group serves it.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  targetGroupCodes?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Need codes (any of); a need includes its narrower needs.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  needCodes?: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Services located in the region or covering it (or a municipality in it).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  regionCode?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Services located in the municipality or covering it (or its region).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  municipalityCode?: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'With regionCode/municipalityCode: also services that cover the whole country.',
  })
  @IsOptional()
  @IsBoolean()
  includeNational?: boolean;

  @Field(() => [String], {
    nullable: true,
    description: 'ISO 639-1 codes; services speaking any of them.',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(LANGUAGE_PATTERN, {
    each: true,
    message: 'languages must be ISO 639-1 codes like "da" or "ar"',
  })
  languages?: string[];
}

@ArgsType()
export class ServicesArgs extends PageArgs {
  @Field(() => ServiceFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ServiceFilterInput)
  filter?: ServiceFilterInput;
}

@ArgsType()
export class IdArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(200)
  id!: string;
}
