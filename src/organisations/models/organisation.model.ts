import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination';

@ObjectType({ description: 'A partner organisation that operates one or more services.' })
export class Organisation {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field({ description: 'Demonstration data: not a verified organisation.' })
  demo!: boolean;
}

@ObjectType()
export class OrganisationConnection extends Connection(Organisation, 'Organisation') {}
