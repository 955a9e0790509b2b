import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, Matches, MaxLength } from 'class-validator';
import { ServicesArgs } from '../../catalogue/dto/service-filter.input';

export const MAX_QUERY_LENGTH = 500;

@ArgsType()
export class SearchServicesArgs extends ServicesArgs {
  @Field({
    description:
      'Words to search for (1..500 characters): typos, prefixes, æøå and their ASCII forms, Danish and English.',
  })
  @IsString()
  @MaxLength(MAX_QUERY_LENGTH)
  @Matches(/\S/, { message: 'query must not be empty' })
  query!: string;
}
