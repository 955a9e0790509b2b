import { ArgsType, Field } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';

@ArgsType()
export class CodeArgs {
  @Field()
  @IsString()
  @MaxLength(100)
  code!: string;
}

@ArgsType()
export class MunicipalitiesArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  regionCode?: string;
}
