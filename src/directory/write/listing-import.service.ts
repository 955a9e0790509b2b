import { Injectable } from '@nestjs/common';
import { diffStates } from '../../audit/audit-diff';
import { AuditService } from '../../audit/audit.service';
import { AuditAction } from '../../audit/models/audit-entry.model';
import { AppError, ErrorCode } from '../../common/app-error';
import { ListingChanges } from '../../common/listing-changes';
import { Role } from '../../common/role';
import { Viewer } from '../../common/request-context';
import { GeographyService } from '../../geography/geography.service';
import { Neo4jService, Tx } from '../../neo4j/neo4j.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import {
  assertKnownCodes,
  assertListingRules,
  auditState,
  changedFields,
  ListingState,
} from './listing-state';
import { ReportedPlaces, ServiceWriteRepository } from './service-write.repository';

/** A listing as a file describes it, mapped to our fields (see src/hsds/hsds-records.ts). */
export interface ImportedListing {
  id: string;
  /** Where the file names it (e.g. `service 3f7b…`), for messages. */
  label: string;
  /** Everything but the declared onward referrals, which a file does not carry. */
  state: Omit<ListingState, 'continuesToIds' | 'ifFullTryIds'>;
  /**
   * False when the record has no place: the stored address (and whether it is confidential) is
   * then kept, because an export never carries a confidential address and re-importing it must
   * not erase one.
   */
  hasAddress: boolean;
  capacity: ReportedPlaces | null;
  verifiedAt: string | null;
  demo: boolean;
}

export interface ImportOutcome {
  created: string[];
  updated: { id: string; fields: string[] }[];
  unchanged: string[];
}

const ADDRESS_FIELDS = [
  'addressStreet',
  'addressPostalCode',
  'addressCity',
  'addressConfidential',
] as const;

/**
 * Imports listings for one organisation through the one write path (ServiceWriteRepository),
 * each change versioned and audited (the actor is the import, `tokenName` `hsds:import`) and put
 * in the search outbox, all in one transaction: every listing is written, or none. A listing of
 * another organisation, or an archived one, refuses the whole import. What is already as the file
 * says is left alone (no new version), so the same file twice changes nothing the second time.
 */
@Injectable()
export class ListingImportService {
  constructor(
    private readonly neo: Neo4jService,
    private readonly writes: ServiceWriteRepository,
    private readonly audit: AuditService,
    private readonly changes: ListingChanges,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
  ) {}

  /**
   * Checks every listing against the listing rules (the codes it names exist, ages in order,
   * coverage not empty), then writes (unless `dryRun`) and says what changed or would change.
   */
  async importListings(
    organisationId: string,
    listings: readonly ImportedListing[],
    dryRun: boolean,
  ): Promise<ImportOutcome> {
    const [tax, geo] = await Promise.all([this.taxonomy.get(), this.geography.get()]);
    for (const l of listings) {
      try {
        const state: ListingState = { ...l.state, continuesToIds: [], ifFullTryIds: [] };
        assertKnownCodes(state, tax, geo);
        assertListingRules(state, state);
      } catch (error) {
        throw relabel(error, l.label);
      }
    }
    const actor: Viewer = {
      role: Role.ADMIN,
      tokenId: null,
      tokenName: 'hsds:import',
      organisationId: null,
    };
    return this.neo.writeTx(async (tx) => {
      if (!(await this.writes.organisationExists(tx, organisationId))) {
        throw AppError.badInput(`there is no organisation ${organisationId}`);
      }
      const outcome: ImportOutcome = { created: [], updated: [], unchanged: [] };
      const toCreate: ImportedListing[] = [];
      for (const l of listings) {
        const current = await this.writes.lockAndLoad(tx, l.id);
        if (!current) {
          toCreate.push(l);
          continue;
        }
        if (current.organisationId !== organisationId) {
          throw new AppError(
            ErrorCode.FORBIDDEN,
            `${l.label}: belongs to another organisation (${current.organisationId ?? 'none'})`,
          );
        }
        if (current.archived) {
          throw new AppError(ErrorCode.NOT_FOUND, `${l.label}: is archived`);
        }
        const change: Partial<ListingState> = { ...l.state };
        if (!l.hasAddress) {
          ADDRESS_FIELDS.forEach((f) => delete change[f]);
        }
        const changed = changedFields(current.state, change);
        const places = l.capacity;
        const placesChanged =
          places !== null &&
          places.freePlaces !== null &&
          places.totalPlaces !== null &&
          (places.freePlaces !== current.freePlaces || places.totalPlaces !== current.totalPlaces);
        const fields = [...Object.keys(changed), ...(placesChanged ? ['capacity'] : [])];
        if (fields.length === 0) {
          outcome.unchanged.push(l.id);
          continue;
        }
        outcome.updated.push({ id: l.id, fields });
        if (dryRun) {
          continue;
        }
        if (Object.keys(changed).length > 0) {
          await this.writes.update(tx, l.id, changed);
          await this.record(tx, actor, l.id, AuditAction.UPDATE, () =>
            diffStates(auditState(current.state), auditState(changed)),
          );
        }
        if (placesChanged && places.freePlaces !== null && places.totalPlaces !== null) {
          await this.writes.reportAvailability(tx, l.id, places.freePlaces, places.totalPlaces);
          await this.record(tx, actor, l.id, AuditAction.REPORT_AVAILABILITY, () =>
            diffStates(
              { freePlaces: current.freePlaces, totalPlaces: current.totalPlaces },
              { freePlaces: places.freePlaces, totalPlaces: places.totalPlaces },
            ),
          );
        }
      }
      outcome.created = toCreate.map((l) => l.id);
      if (dryRun || toCreate.length === 0) {
        return outcome;
      }
      const created = await this.writes.create(
        tx,
        toCreate.map((l) => ({
          id: l.id,
          organisationId,
          state: { ...l.state, continuesToIds: [], ifFullTryIds: [] },
          capacity: l.capacity,
          demo: l.demo,
          verifiedAt: l.verifiedAt,
        })),
      );
      if (created.length !== toCreate.length) {
        throw new Error('the import created fewer listings than it checked');
      }
      for (const l of toCreate) {
        const state: ListingState = { ...l.state, continuesToIds: [], ifFullTryIds: [] };
        await this.record(tx, actor, l.id, AuditAction.CREATE, () =>
          diffStates(null, auditState(state)),
        );
      }
      return outcome;
    });
  }

  private async record(
    tx: Tx,
    actor: Viewer,
    serviceId: string,
    action: AuditAction,
    changes: () => ReturnType<typeof diffStates>,
  ): Promise<void> {
    await this.audit.recordInTx(tx, { serviceId, action, actor, changes: changes() });
    await this.changes.recordInTx(tx, [serviceId]);
  }
}

/** A listing rule's refusal, said of the record it came from. */
function relabel(error: unknown, label: string): unknown {
  if (error instanceof AppError) {
    return new AppError(error.code, `${label}: ${error.message}`);
  }
  return error;
}
