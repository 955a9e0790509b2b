import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A kind of service, e.g. womens-shelter, childrens-house.' })
export class ServiceType {
  @Field()
  code!: string;

  @Field({ description: 'Danish name.' })
  name!: string;

  @Field({ description: 'English name.' })
  nameEn!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;
}

@ObjectType({
  description: 'A group of people a service is for; broader groups include narrower ones.',
})
export class TargetGroup {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field()
  nameEn!: string;

  parentCode!: string | null;
}

@ObjectType({ description: 'A need a service meets; broader needs include narrower ones.' })
export class Need {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field()
  nameEn!: string;

  parentCode!: string | null;

  /** What usually comes next for a person with this need (the referral chain), in order. */
  followUpCodes?: string[];
}
