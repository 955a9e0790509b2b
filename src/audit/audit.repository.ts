import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Viewer } from '../common/request-context';
import { Neo4jService, run, Tx } from '../neo4j/neo4j.service';
import { toDate } from '../neo4j/neo4j-values';
import { AuditAction, AuditEntry, FieldChange } from './models/audit-entry.model';
import { cypher } from '../neo4j/cypher';

export interface NewAuditEntry {
  serviceId: string;
  action: AuditAction;
  actor: Viewer;
  changes: FieldChange[];
}

/** A change to an organisation itself (its creation), kept like a listing's. */
export interface NewOrganisationAuditEntry {
  organisationId: string;
  action: AuditAction;
  actor: Viewer;
  changes: FieldChange[];
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

/** Changes are kept as one JSON text property (Neo4j has no list-of-maps property type). */
const RECORD = cypher`
MATCH (s:Service {id: $serviceId})
CREATE (s)-[:HAS_AUDIT]->(:AuditEntry {id: $id, at: datetime(), version: s.version, action: $action,
  tokenId: $tokenId, tokenName: $tokenName, organisationId: $organisationId, changes: $changes})`;

/**
 * The same record on the organisation (who, when, which fields). `organisationId` on the entry
 * stays the author's organisation, as on a listing's entries; the subject is the node it hangs off.
 */
const RECORD_FOR_ORGANISATION = cypher`
MATCH (o:Organisation {id: $subjectId})
CREATE (o)-[:HAS_AUDIT]->(:AuditEntry {id: $id, at: datetime(), version: o.version, action: $action,
  tokenId: $tokenId, tokenName: $tokenName, organisationId: $organisationId, changes: $changes})`;

/** Archived services included: they stay in the audit. */
const FIND_OWNER = cypher`
MATCH (o:Organisation)-[:OPERATES]->(s:Service {id: $serviceId})
RETURN o.id AS organisationId`;

const FIND_PAGE = cypher`
MATCH (:Service {id: $serviceId})-[:HAS_AUDIT]->(a:AuditEntry)
WITH a ORDER BY a.version DESC, a.at DESC, a.id DESC
WITH collect(a) AS entries
RETURN size(entries) AS total,
  [a IN entries[$skip..($skip + $limit)] | a {.id, .at, .version, .tokenName, .organisationId, .action, .changes}] AS entries`;

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
  async recordInTx(tx: Tx, entry: NewAuditEntry): Promise<void> {
    await run(tx, RECORD, {
      id: randomUUID(),
      serviceId: entry.serviceId,
      action: entry.action,
      tokenId: entry.actor.tokenId,
      tokenName: entry.actor.tokenName,
      organisationId: entry.actor.organisationId,
      changes: JSON.stringify(entry.changes),
    });
  }

  /** Writes one audit record on an organisation inside the caller's transaction. */
  async recordForOrganisationInTx(tx: Tx, entry: NewOrganisationAuditEntry): Promise<void> {
    await run(tx, RECORD_FOR_ORGANISATION, {
      id: randomUUID(),
      subjectId: entry.organisationId,
      action: entry.action,
      tokenId: entry.actor.tokenId,
      tokenName: entry.actor.tokenName,
      organisationId: entry.actor.organisationId,
      changes: JSON.stringify(entry.changes),
    });
  }

  /** The organisation owning a service, archived or not; null when there is no such service. */
  async findOwner(serviceId: string): Promise<string | null> {
    const [row] = await this.neo.read<{ organisationId: string }>(FIND_OWNER, { serviceId });
    return row?.organisationId ?? null;
  }

  /** One page of a service's audit, newest first, with the total. */
  async findPage(
    serviceId: string,
    skip: number,
    limit: number,
  ): Promise<{ total: number; entries: AuditEntry[] }> {
    const [row] = await this.neo.read<{ total: number; entries: EntryRow[] }>(FIND_PAGE, {
      serviceId,
      skip,
      limit,
    });
    return { total: row?.total ?? 0, entries: (row?.entries ?? []).map(toEntry) };
  }
}
