import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  assertManagesListing,
  managesOrganisation,
  NOT_YOURS_MESSAGE,
  requireAuthenticated,
} from '../../accounts/access-policy';
import { AppError, ErrorCode } from '../../common/app-error';
import { ListingChanges } from '../../common/listing-changes';
import { Viewer } from '../../common/request-context';
import { GeographyService } from '../../geography/geography.service';
import { AuditService } from '../../audit/audit.service';
import { diffStates } from '../../audit/audit-diff';
import { AuditAction } from '../../audit/models/audit-entry.model';
import { Neo4jService, Tx } from '../../neo4j/neo4j.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { CreateServiceInput, UpdateServiceInput } from './dto/service.input';
import {
  assertKnownCodes,
  assertListingRules,
  assertPlaces,
  assertRequiredNotNull,
  auditState,
  changesFromUpdate,
  ListingState,
  changedFields,
  stateFromCreate,
} from './listing-state';
import { Service } from '../../catalogue/models/service.model';
import { LockedListing, ServiceWriteRepository } from './service-write.repository';

/**
 * The edit rules of a listing: who may change it, what a valid change is, and that each change is
 * checked, written, audited and put in the search outbox in one transaction. Organisations are
 * the organisations module's; the privileged reads are accounts' (PrivateDetailsService).
 */
@Injectable()
export class ListingService {
  constructor(
    private readonly neo: Neo4jService,
    private readonly writes: ServiceWriteRepository,
    private readonly audit: AuditService,
    private readonly changes: ListingChanges,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
  ) {}

  /** ADMIN, or an EDITOR of the organisation the service is created for. */
  async createService(viewer: Viewer, input: CreateServiceInput): Promise<Service> {
    requireAuthenticated(viewer);
    if (!managesOrganisation(viewer, input.organisationId)) {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        'You are not allowed to add listings for this organisation.',
      );
    }
    const state = stateFromCreate(input);
    await this.assertCodes(state);
    assertListingRules(state, state);
    const id = input.id ?? randomUUID();
    return this.neo.writeTx(async (tx) => {
      const [createdId] = await this.writes.create(tx, [
        { id, organisationId: input.organisationId, state, capacity: null, demo: false },
      ]);
      const created = createdId ? await this.writes.findInTx(tx, createdId) : null;
      if (!created) {
        throw AppError.badInput('There is no organisation with this id.', {
          argument: 'input.organisationId',
        });
      }
      await this.recordChange(
        tx,
        viewer,
        id,
        AuditAction.CREATE,
        diffStates(null, auditState(state)),
      );
      return created;
    });
  }

  /**
   * ADMIN or the owning EDITOR; `expectedVersion` must be the current version, checked under
   * the node's write lock in the same transaction as the write, so of two concurrent saves
   * exactly one wins and the other gets STALE_VERSION with nothing changed.
   */
  async updateService(
    viewer: Viewer,
    id: string,
    expectedVersion: number,
    input: UpdateServiceInput,
  ): Promise<Service> {
    requireAuthenticated(viewer);
    assertRequiredNotNull(input);
    const change = changesFromUpdate(input);
    await this.assertCodes(change);
    return this.neo.writeTx(async (tx) => {
      const current = await this.lockOwned(tx, viewer, id, expectedVersion);
      await this.assertOnwardTargets(tx, id, change);
      assertListingRules({ ...current.state, ...change }, change);
      // What is written is what differs from the stored state; the audit renders exactly that.
      const changed = changedFields(current.state, change);
      if (Object.keys(changed).length === 0) {
        return this.unchanged(tx, id);
      }
      const service = await this.writes.update(tx, id, changed);
      await this.recordChange(
        tx,
        viewer,
        id,
        AuditAction.UPDATE,
        diffStates(auditState(current.state), auditState(changed)),
      );
      return service;
    });
  }

  /** ADMIN or the owning EDITOR; the service leaves every answer but keeps its audit. */
  async archiveService(viewer: Viewer, id: string, expectedVersion: number): Promise<Service> {
    requireAuthenticated(viewer);
    return this.neo.writeTx(async (tx) => {
      await this.lockOwned(tx, viewer, id, expectedVersion);
      const service = await this.writes.archive(tx, id);
      await this.recordChange(tx, viewer, id, AuditAction.ARCHIVE, [
        { field: 'archived', from: 'false', to: 'true' },
      ]);
      return service;
    });
  }

  /**
   * ADMIN or the owning EDITOR confirms that the listing is still true as it stands: stamps
   * `verifiedAt` (so professionals can tell a checked listing from a stale one); versioned.
   */
  async confirmService(viewer: Viewer, id: string, expectedVersion: number): Promise<Service> {
    requireAuthenticated(viewer);
    return this.neo.writeTx(async (tx) => {
      await this.lockOwned(tx, viewer, id, expectedVersion);
      const service = await this.writes.confirm(tx, id);
      await this.recordChange(tx, viewer, id, AuditAction.CONFIRM, [
        { field: 'verifiedAt', from: null, to: service.verifiedAt?.toISOString() ?? null },
      ]);
      return service;
    });
  }

  /** ADMIN or the owning EDITOR: today's places, with the report time; bumps the version. */
  async reportAvailability(
    viewer: Viewer,
    id: string,
    freePlaces: number,
    totalPlaces: number,
  ): Promise<Service> {
    requireAuthenticated(viewer);
    assertPlaces(freePlaces, totalPlaces);
    return this.neo.writeTx(async (tx) => {
      const before = await this.lockOwned(tx, viewer, id, null);
      const service = await this.writes.reportAvailability(tx, id, freePlaces, totalPlaces);
      await this.recordChange(
        tx,
        viewer,
        id,
        AuditAction.REPORT_AVAILABILITY,
        diffStates(
          { freePlaces: before.freePlaces, totalPlaces: before.totalPlaces },
          { freePlaces, totalPlaces },
        ),
      );
      return service;
    });
  }

  /**
   * Locks the service and checks, in this order: the caller manages it (the same FORBIDDEN for
   * another organisation's listing and for none), it is not archived, and (unless null) the
   * version is the expected one.
   */
  private async lockOwned(
    tx: Tx,
    viewer: Viewer,
    id: string,
    expectedVersion: number | null,
  ): Promise<LockedListing> {
    const current = await this.writes.lockAndLoad(tx, id);
    assertManagesListing(viewer, current?.organisationId ?? null);
    if (!current) {
      throw new AppError(ErrorCode.FORBIDDEN, NOT_YOURS_MESSAGE);
    }
    if (current.archived) {
      throw new AppError(ErrorCode.NOT_FOUND, 'This service is archived.');
    }
    if (expectedVersion !== null && current.version !== expectedVersion) {
      throw new AppError(ErrorCode.STALE_VERSION, undefined, {
        currentVersion: current.version,
      });
    }
    return current;
  }

  /**
   * Declared onward referrals must name current services other than the listing itself (any
   * organisation's: an organisation declares where its own clients go). All unknown or archived
   * ids are named together, per field.
   */
  private async assertOnwardTargets(
    tx: Tx,
    id: string,
    change: Partial<ListingState>,
  ): Promise<void> {
    const fields = (['continuesToIds', 'ifFullTryIds'] as const).filter(
      (f) => change[f] !== undefined,
    );
    const named = fields.flatMap((f) => change[f] ?? []);
    if (named.length === 0) {
      return;
    }
    for (const field of fields) {
      if ((change[field] ?? []).includes(id)) {
        throw AppError.badInput('A service cannot refer onward to itself.', {
          argument: `input.${field}`,
        });
      }
    }
    const current = await this.writes.findCurrentIds(tx, [...new Set(named)]);
    for (const field of fields) {
      const unknown = (change[field] ?? []).filter((t) => !current.has(t));
      if (unknown.length > 0) {
        throw AppError.badInput(
          `Unknown or archived service id(s) in input.${field}: ${unknown.join(', ')}`,
          { argument: `input.${field}`, unknownIds: unknown },
        );
      }
    }
  }

  private async recordChange(
    tx: Tx,
    viewer: Viewer,
    serviceId: string,
    action: AuditAction,
    changes: ReturnType<typeof diffStates>,
  ): Promise<void> {
    await this.audit.recordInTx(tx, { serviceId, action, actor: viewer, changes });
    await this.changes.recordInTx(tx, [serviceId]);
  }

  private async assertCodes(change: Partial<ListingState>): Promise<void> {
    const [tax, geo] = await Promise.all([this.taxonomy.get(), this.geography.get()]);
    assertKnownCodes(change, tax, geo);
  }

  /** A save that changes nothing: no new version, no audit; the listing as it stands. */
  private async unchanged(tx: Tx, id: string): Promise<Service> {
    const service = await this.writes.findInTx(tx, id);
    if (!service) {
      throw new AppError(ErrorCode.NOT_FOUND, 'There is no such service.');
    }
    return service;
  }
}
