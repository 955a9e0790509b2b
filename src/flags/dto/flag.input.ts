import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { FlagReason, FlagStatus } from '../models/listing-flag.model';

export const MAX_NOTE = 300;

@InputType()
export class FlagListingInput {
  @Field(() => ID)
  @IsString()
  @MaxLength(200)
  serviceId!: string;

  @Field(() => FlagReason)
  @IsEnum(FlagReason)
  reason!: FlagReason;

  @Field(() => String, {
    nullable: true,
    description: `What is wrong, in at most ${MAX_NOTE} characters. No names or other personal data.`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NOTE, { message: `note must be at most ${MAX_NOTE} characters` })
  note?: string | null;
}

@ArgsType()
export class ListingFlagsArgs {
  @Field(() => FlagStatus, { nullable: true, description: 'OPEN when left out.' })
  @IsOptional()
  @IsEnum(FlagStatus)
  status?: FlagStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only this listing’s flags.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  serviceId?: string | null;
}

@ArgsType()
export class CloseListingFlagArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(200)
  id!: string;
}
