import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';

@ArgsType()
export class FreshnessArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'ADMIN: one organisation (all when left out). EDITOR: only its own.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisationId?: string | null;
}
