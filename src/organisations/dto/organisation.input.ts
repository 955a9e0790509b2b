import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { CODE_PATTERN } from '../../catalogue/dto/service-filter.input';
import { IsPlainText } from '../../common/text-validators';

/** Only `https`: a listing's link leads a person in danger somewhere, so never in clear text. */
export const HTTPS_URL = { protocols: ['https'], require_protocol: true };
export const URL_MESSAGE = '$property must be an https URL';
export const ID_MESSAGE = '$property must be lowercase letters, digits and single hyphens';

/**
 * What a created organisation and a created listing both have: a readable id, a name, a text and
 * a website.
 */
@InputType({ isAbstract: true })
export class NamedEntityInput {
  @Field(() => ID, {
    nullable: true,
    description: 'A readable id (lowercase, digits, hyphens); a random one when omitted.',
  })
  @IsOptional()
  @IsString()
  @Length(3, 100)
  @Matches(CODE_PATTERN, { message: ID_MESSAGE })
  id?: string;

  @Field({ description: '1..200 characters.' })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'name must not be blank' })
  @IsPlainText()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Up to 2000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsPlainText({ multiline: true })
  description?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'An https URL (no control, direction or zero-width characters).',
  })
  @IsOptional()
  @IsUrl(HTTPS_URL, { message: URL_MESSAGE })
  @IsPlainText()
  @MaxLength(500)
  website?: string | null;
}

@InputType()
export class CreateOrganisationInput extends NamedEntityInput {}
