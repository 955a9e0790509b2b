import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Viewer } from '../common/request-context';
import { Neo4jService, run, Tx } from '../neo4j/neo4j.service';
import { toDate } from '../neo4j/neo4j-values';
import { AuditAction, AuditEntry, FieldChange } from './models/audit-entry.model';
import { Cypher, cypher } from '../neo4j/cypher';

/** What a change did, who made it, and which fields it changed. */
interface AuditedChange {
  action: AuditAction;
  actor: Viewer;
  changes: FieldChange[];
}

/** A change to a listing. */
export interface NewAuditEntry extends AuditedChange {
  serviceId: string;
}

/** A change to an organisation itself (its creation), kept like a listing's. */
export interface NewOrganisationAuditEntry extends AuditedChange {
  organisationId: string;
}

export interface AuditPage {
  total: number;
  entries: AuditEntry[];
}

interface EntryRow {
  id: string;
  at: unknown;
  version: number;
  tokenName: string | null;
  organisationId: string | null;
  action: string;
  changes: string;
}

/**
 * A new entry on the subject `x` (a service or an organisation), with its version after the
 * change. Changes are kept as one JSON text property (Neo4j has no list-of-maps property type).
 * `organisationId` is the author's organisation (null for ADMIN), whatever the subject.
 */
const NEW_ENTRY = cypher`CREATE (x)-[:HAS_AUDIT]->(:AuditEntry {id: $id, at: datetime(), version: x.version, action: $action,
  tokenId: $tokenId, tokenName: $tokenName, organisationId: $organisationId, changes: $changes})`;

const RECORD = cypher`
MATCH (x:Service {id: $subjectId})
${NEW_ENTRY}`;

const RECORD_FOR_ORGANISATION = cypher`
MATCH (x:Organisation {id: $subjectId})
${NEW_ENTRY}`;

/** Archived services included: they stay in the audit. */
const FIND_OWNER = cypher`
MATCH (o:Organisation)-[:OPERATES]->(s:Service {id: $serviceId})
RETURN o.id AS organisationId`;

/** One page of the subject `x`'s audit, newest first, with the total; no row without a subject. */
const PAGE_OF_ENTRIES = cypher`WITH COLLECT { MATCH (x)-[:HAS_AUDIT]->(a:AuditEntry) RETURN a ORDER BY a.version DESC, a.at DESC, a.id DESC } AS entries
RETURN size(entries) AS total,
  [a IN entries[$skip..($skip + $limit)] | a {.id, .at, .version, .tokenName, .organisationId, .action, .changes}] AS entries`;

const FIND_PAGE = cypher`
MATCH (x:Service {id: $subjectId})
${PAGE_OF_ENTRIES}`;

const FIND_ORGANISATION_PAGE = cypher`
MATCH (x:Organisation {id: $subjectId})
${PAGE_OF_ENTRIES}`;

const ACTIONS = new Set<string>(Object.values(AuditAction));

function toEntry(row: EntryRow): AuditEntry {
  if (!ACTIONS.has(row.action)) {
    throw new TypeError('stored audit entry has an unknown action');
  }
  return {
    id: row.id,
    at: toDate(row.at) ?? new Date(0),
    version: row.version,
    tokenName: row.tokenName,
    organisationId: row.organisationId,
    action: row.action as AuditAction,
    changes: JSON.parse(row.changes) as FieldChange[],
  };
}

@Injectable()
export class AuditRepository {
  constructor(private readonly neo: Neo4jService) {}

  /** Writes one audit record inside the caller's transaction, so it commits with the change. */
  recordInTx(tx: Tx, entry: NewAuditEntry): Promise<void> {
    return this.record(tx, RECORD, entry.serviceId, entry);
  }

  /** Writes one audit record on an organisation inside the caller's transaction. */
  recordForOrganisationInTx(tx: Tx, entry: NewOrganisationAuditEntry): Promise<void> {
    return this.record(tx, RECORD_FOR_ORGANISATION, entry.organisationId, entry);
  }

  /** The organisation owning a service, archived or not; null when there is no such service. */
  async findOwner(serviceId: string): Promise<string | null> {
    const [row] = await this.neo.read<{ organisationId: string }>(FIND_OWNER, { serviceId });
    return row?.organisationId ?? null;
  }

  /** One page of a service's audit, newest first, with the total (none without the service). */
  async findPage(serviceId: string, skip: number, limit: number): Promise<AuditPage> {
    return (await this.findPageOf(FIND_PAGE, serviceId, skip, limit)) ?? { total: 0, entries: [] };
  }

  /** One page of an organisation's own audit, newest first; null when there is no organisation. */
  findOrganisationPage(
    organisationId: string,
    skip: number,
    limit: number,
  ): Promise<AuditPage | null> {
    return this.findPageOf(FIND_ORGANISATION_PAGE, organisationId, skip, limit);
  }

  private async record(
    tx: Tx,
    query: Cypher,
    subjectId: string,
    entry: AuditedChange,
  ): Promise<void> {
    await run(tx, query, {
      id: randomUUID(),
      subjectId,
      action: entry.action,
      tokenId: entry.actor.tokenId,
      tokenName: entry.actor.tokenName,
      organisationId: entry.actor.organisationId,
      changes: JSON.stringify(entry.changes),
    });
  }

  private async findPageOf(
    query: Cypher,
    subjectId: string,
    skip: number,
    limit: number,
  ): Promise<AuditPage | null> {
    const [row] = await this.neo.read<{ total: number; entries: EntryRow[] }>(query, {
      subjectId,
      skip,
      limit,
    });
    return row ? { total: row.total, entries: row.entries.map(toEntry) } : null;
  }
}
