import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Role } from '../../common/role';

// Re-exported for the CLIs that import it from here; new code imports common/role.

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

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'After this the token grants nothing (null: until revoked).',
  })
  expiresAt!: Date | null;
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
