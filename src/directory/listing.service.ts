import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  assertManagesListing,
  canSeeConfidentialAddress,
  canSeeProfessionalContact,
  NOT_YOURS_MESSAGE,
  requireAdmin,
  requireAuthenticated,
} from '../accounts/access-policy';
import { AppError, ErrorCode } from '../common/app-error';
import { ListingChanges } from '../common/listing-changes';
import { byKeys, GqlContext, Viewer } from '../common/request-context';
import { Role } from '../common/role';
import { GeographyService } from '../geography/geography.service';
import { AuditService } from '../audit/audit.service';
import { AuditState, diffStates } from '../audit/audit-diff';
import { AuditAction } from '../audit/models/audit-entry.model';
import { Neo4jService, Tx } from '../neo4j/neo4j.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { CreateOrganisationInput } from './dto/organisation.input';
import { CreateServiceInput, UpdateServiceInput } from './dto/service.input';
import {
  assertKnownCodes,
  assertListingRules,
  assertPlaces,
  assertRequiredNotNull,
  changesFromUpdate,
  ListingState,
  changedFields,
  stateFromCreate,
} from './listing-state';
import { Organisation } from './models/organisation.model';
import { Address, Contact, Service } from '../catalogue/models/service.model';
import { OrganisationRepository } from './organisation.repository';
import { ServicePrivateRepository } from './service-private.repository';
import { LockedListing, ServiceWriteRepository } from './service-write.repository';
import { CatalogueRepository } from '../catalogue/catalogue.repository';

/** Lists whose order is part of their meaning: audited (and compared) as text, in order. */
const ORDERED_LISTS = ['continuesToIds', 'ifFullTryIds'] as const;

/**
 * A state as the audit compares it. Lists compare as sets, except the declared onward referrals,
 * whose order is the order to try them: a reordering is a change, saved and audited. Coverage is
 * audited per part, named by its path in the input (`coverage.regionCodes`).
 */
const asAudit = (state: Partial<ListingState>): AuditState => {
  const out: AuditState = {};
  for (const key of Object.keys(state) as (keyof ListingState)[]) {
    if (key === 'coverage') {
      const coverage = state.coverage;
      if (coverage) {
        out['coverage.national'] = coverage.national;
        out['coverage.regionCodes'] = coverage.regionCodes;
        out['coverage.municipalityCodes'] = coverage.municipalityCodes;
      }
    } else {
      const value = state[key];
      if (value !== undefined) {
        out[key] = value;
      }
    }
  }
  for (const key of ORDERED_LISTS) {
    const list = state[key];
    if (list !== undefined) {
      out[key] = list.length > 0 ? list.join(', ') : null;
    }
  }
  return out;
};

/**
 * Changes to organisations and listings, and the privileged reads of a listing. Each change is
 * checked, written, audited and put in the search outbox in one transaction.
 */
@Injectable()
export class ListingService {
  constructor(
    private readonly neo: Neo4jService,
    private readonly writes: ServiceWriteRepository,
    private readonly privateDetails: ServicePrivateRepository,
    private readonly services: CatalogueRepository,
    private readonly organisations: OrganisationRepository,
    private readonly audit: AuditService,
    private readonly changes: ListingChanges,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
  ) {}

  /** ADMIN only. */
  async createOrganisation(viewer: Viewer, input: CreateOrganisationInput): Promise<Organisation> {
    requireAdmin(viewer);
    const id = await this.writes.createOrganisation({
      id: input.id ?? randomUUID(),
      name: input.name.trim(),
      description: input.description?.trim() || null,
      website: input.website ?? null,
    });
    const [org] = await this.organisations.findByIds([id]);
    return org;
  }

  /** ADMIN, or an EDITOR of the organisation the service is created for. */
  async createService(viewer: Viewer, input: CreateServiceInput): Promise<Service> {
    requireAuthenticated(viewer);
    if (
      viewer.role !== Role.ADMIN &&
      !(viewer.role === Role.EDITOR && viewer.organisationId === input.organisationId)
    ) {
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
      await this.recordChange(tx, viewer, id, AuditAction.CREATE, diffStates(null, asAudit(state)));
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
    const saved = await this.neo.writeTx(async (tx) => {
      const current = await this.lockOwned(tx, viewer, id, expectedVersion);
      await this.assertOnwardTargets(tx, id, change);
      const next: ListingState = { ...current.state, ...change };
      assertListingRules(next, change);
      const changes = diffStates(asAudit(current.state), asAudit(change));
      if (changes.length === 0) {
        return null;
      }
      const service = await this.writes.update(tx, id, changedFields(current.state, change));
      await this.recordChange(tx, viewer, id, AuditAction.UPDATE, changes);
      return service;
    });
    return saved ?? (await this.current(id));
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
   * The confidential address of a service, for ADMIN and the owning organisation's EDITORs;
   * null for everyone else, decided before anything is read. Batched per request.
   */
  async confidentialAddress(service: Service, ctx: GqlContext): Promise<Address | null> {
    const viewer = ctx.viewer;
    if (!canSeeConfidentialAddress(viewer, service.organisationId)) {
      return null;
    }
    const scope = viewer.role === Role.ADMIN ? null : viewer.organisationId;
    const loader = ctx.loaders.get<Address>('confidentialAddressById', async (ids) => {
      const rows = await this.privateDetails.findConfidentialAddresses(ids, scope);
      return byKeys(ids, rows, (r) => r.id).map((r) => r?.address ?? null);
    });
    return loader.load(service.id);
  }

  /** The professional-only phone, for PROFESSIONAL, ADMIN and the owners; null otherwise. */
  async professionalPhone(contact: Contact, ctx: GqlContext): Promise<string | null> {
    if (
      !contact.serviceId ||
      !contact.organisationId ||
      !canSeeProfessionalContact(ctx.viewer, contact.organisationId)
    ) {
      return null;
    }
    const loader = ctx.loaders.get<string>('professionalPhoneById', async (ids) => {
      const rows = await this.privateDetails.findProfessionalPhones(ids);
      return byKeys(ids, rows, (r) => r.id).map((r) => r?.phone ?? null);
    });
    return loader.load(contact.serviceId);
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

  private async current(id: string): Promise<Service> {
    const [service] = await this.services.findByIds([id]);
    if (!service) {
      throw new AppError(ErrorCode.NOT_FOUND, 'There is no such service.');
    }
    return service;
  }
}
