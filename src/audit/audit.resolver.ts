import { ArgsType, Args, Context, Field, ID, Query, Resolver } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { Page, PageArgs } from '../common/pagination';
import { GqlContext } from '../common/request-context';
import { AuditService } from './audit.service';
import { AuditEntry, AuditEntryConnection } from './models/audit-entry.model';

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => ID, { description: 'The service whose changes are listed.' })
  @IsString()
  @MaxLength(200)
  id!: string;
}

@ArgsType()
export class OrganisationAuditLogArgs extends PageArgs {
  @Field(() => ID, { description: 'The organisation whose own changes are listed.' })
  @IsString()
  @MaxLength(200)
  id!: string;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEntryConnection, {
    description: 'Changes to a listing, newest first: ADMIN or the owning organisation’s EDITOR.',
  })
  auditLog(@Args() args: AuditLogArgs, @Context() ctx: GqlContext): Promise<Page<AuditEntry>> {
    return this.audit.log(ctx.viewer, args.id, args);
  }

  @Query(() => AuditEntryConnection, {
    description:
      'Changes to an organisation itself (its creation), newest first: ADMIN or the organisation’s EDITOR. The changes to its listings are in `auditLog`.',
  })
  organisationAuditLog(
    @Args() args: OrganisationAuditLogArgs,
    @Context() ctx: GqlContext,
  ): Promise<Page<AuditEntry>> {
    return this.audit.organisationLog(ctx.viewer, args.id, args);
  }
}
