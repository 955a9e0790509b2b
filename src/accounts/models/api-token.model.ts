import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum Role {
  ADMIN = 'ADMIN',
  EDITOR = 'EDITOR',
  PROFESSIONAL = 'PROFESSIONAL',
}
registerEnumType(Role, {
  name: 'Role',
  description: 'What an API token may do; a caller without a token is public.',
  valuesMap: {
    ADMIN: { description: 'Everything, for every organisation.' },
    EDITOR: { description: 'Keeps the listings and tokens of one organisation.' },
    PROFESSIONAL: {
      description: 'A verified professional: sees professional-only contact details.',
    },
  },
});

@ObjectType({ description: 'An API token (the token itself is shown only once, at creation).' })
export class ApiToken {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Role)
  role!: Role;

  organisationId!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType()
export class CreatedApiToken {
  @Field({ description: 'The secret token: shown only now, store it safely.' })
  token!: string;

  @Field(() => ApiToken)
  apiToken!: ApiToken;
}

@ObjectType({ description: 'The caller: every field is null for a public caller (no token).' })
export class Me {
  @Field(() => Role, { nullable: true })
  role!: Role | null;

  @Field(() => String, { nullable: true })
  tokenName!: string | null;

  organisationId!: string | null;
}
