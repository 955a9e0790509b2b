import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import {
  ApiTokenOrganisationResolver,
  MeOrganisationResolver,
} from './account-organisation.resolver';
import { OrganisationRepository } from './organisation.repository';
import { AuditEntryOrganisationResolver, OrganisationResolver } from './organisation.resolver';
import { OrganisationsService } from './organisations.service';

/** The partner organisations (resolver → service → repository); their listings are directory's. */
@Module({
  imports: [AuditModule],
  providers: [
    OrganisationRepository,
    OrganisationsService,
    OrganisationResolver,
    AuditEntryOrganisationResolver,
    MeOrganisationResolver,
    ApiTokenOrganisationResolver,
  ],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}
