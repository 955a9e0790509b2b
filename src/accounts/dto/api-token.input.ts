import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
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
}

@ArgsType()
export class RevokeApiTokenArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(200)
  id!: string;
}
