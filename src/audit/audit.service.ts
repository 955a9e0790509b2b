import { Injectable } from '@nestjs/common';
import { assertManagesListing } from '../accounts/access-policy';
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
}
