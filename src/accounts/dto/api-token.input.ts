import { ArgsType, Field, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Role } from '../../common/role';
import { IsPlainText } from '../../common/text-validators';

@InputType()
export class CreateApiTokenInput {
  @Field({ description: 'Who or what uses the token (shown in the audit), 1..100 characters.' })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: 'name must not be blank' })
  @IsPlainText()
  name!: string;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;

  @Field(() => ID, {
    nullable: true,
    description: 'Required for an EDITOR token (its organisation); not allowed for other roles.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisationId?: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the token stops working: in the future, at most 5 years ahead. Null: never.',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date | null;
}

@ArgsType()
export class ApiTokensArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'ADMIN: one organisation’s tokens (every token when left out). EDITOR: its own.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organisationId?: string | null;
}

@ArgsType()
export class RevokeApiTokenArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(200)
  id!: string;
}
