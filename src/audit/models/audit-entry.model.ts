import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination';

export enum AuditAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  ARCHIVE = 'ARCHIVE',
  REPORT_AVAILABILITY = 'REPORT_AVAILABILITY',
  CONFIRM = 'CONFIRM',
}
registerEnumType(AuditAction, { name: 'AuditAction', description: 'What a change did.' });

@ObjectType({
  description: 'One changed field: values as text (strings as they are, others JSON).',
})
export class FieldChange {
  @Field()
  field!: string;

  @Field(() => String, { nullable: true })
  from!: string | null;

  @Field(() => String, { nullable: true })
  to!: string | null;
}

@ObjectType({
  description:
    'Who changed a listing or an organisation, when, and which fields from what to what.',
})
export class AuditEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  at!: Date;

  @Field(() => Int, {
    description: 'The version of the listing (or organisation) after this change.',
  })
  version!: number;

  @Field(() => String, { nullable: true, description: 'The name of the token that made it.' })
  tokenName!: string | null;

  /** The organisation of the EDITOR token that made it (null for ADMIN tokens). */
  organisationId!: string | null;

  @Field(() => AuditAction)
  action!: AuditAction;

  @Field(() => [FieldChange])
  changes!: FieldChange[];
}

@ObjectType()
export class AuditEntryConnection extends Connection(AuditEntry, 'AuditEntry') {}
