import { Injectable } from '@nestjs/common';
import {
  assertManagesListing,
  managesOrganisation,
  requireAuthenticated,
} from '../accounts/access-policy';
import { AppError, ErrorCode } from '../common/app-error';
import { decodeCursor, Page, PageArgs, toPage } from '../common/pagination';
import { Viewer } from '../common/request-context';
import { AuditRepository, NewAuditEntry, NewOrganisationAuditEntry } from './audit.repository';
import { Tx } from '../neo4j/neo4j.service';
import { AuditEntry } from './models/audit-entry.model';

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Records a change inside the caller's transaction, so it commits (or fails) with it. */
  recordInTx(tx: Tx, entry: NewAuditEntry): Promise<void> {
    return this.audit.recordInTx(tx, entry);
  }

  /** Records a change to an organisation inside the caller's transaction. */
  recordOrganisationInTx(tx: Tx, entry: NewOrganisationAuditEntry): Promise<void> {
    return this.audit.recordForOrganisationInTx(tx, entry);
  }

  /**
   * A listing's audit, newest first: ADMIN or the owning organisation's EDITOR only (it may hold
   * confidential addresses, which exactly these callers may read).
   */
  async log(viewer: Viewer, serviceId: string, page: PageArgs): Promise<Page<AuditEntry>> {
    assertManagesListing(viewer, await this.audit.findOwner(serviceId));
    const offset = decodeCursor(page.after);
    const { total, entries } = await this.audit.findPage(serviceId, offset, page.first);
    return toPage(entries, offset, total);
  }

  /**
   * An organisation's own audit (its creation), newest first: ADMIN or the organisation's
   * EDITOR. Anyone else gets the same FORBIDDEN whether or not it exists, before anything is read;
   * an ADMIN gets NOT_FOUND for a missing organisation.
   */
  async organisationLog(
    viewer: Viewer,
    organisationId: string,
    page: PageArgs,
  ): Promise<Page<AuditEntry>> {
    requireAuthenticated(viewer);
    if (!managesOrganisation(viewer, organisationId)) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        'You are not allowed to see the changes of this organisation.',
      );
    }
    const offset = decodeCursor(page.after);
    const found = await this.audit.findOrganisationPage(organisationId, offset, page.first);
    if (!found) {
      throw new AppError(ErrorCode.NOT_FOUND, 'There is no such organisation.');
    }
    return toPage(found.entries, offset, found.total);
  }
}
