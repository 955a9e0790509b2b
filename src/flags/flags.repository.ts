import { Injectable } from '@nestjs/common';
import { cypher } from '../neo4j/cypher';
import { Neo4jService } from '../neo4j/neo4j.service';
import { toDate } from '../neo4j/neo4j-values';
import { FlagReason, FlagStatus, ListingFlag } from './models/listing-flag.model';

/** A flag with its listing's id and name and the owning organisation: never an address. */
const FLAG_PROJECTION = cypher`f {.id, .reason, .note, .status, .createdAt, .closedAt, .closedBy,
  serviceId: s.id, serviceName: s.name, organisationId: o.id}`;

/**
 * Counts one flag from a client (a digest of its address) under the counter's write lock, so
 * concurrent flags from one address on any API instance are counted one after the other. The
 * count starts again once `$windowMs` has passed since the window began.
 */
const COUNT_FLAG = cypher`
MERGE (l:FlagLimit {client: $client})
ON CREATE SET l.count = 0, l.windowStart = $now, l.expiresAt = $now + $windowMs
SET l._lock = true
REMOVE l._lock
WITH l, $now - l.windowStart >= $windowMs AS expired
WITH l, CASE WHEN expired THEN 1 ELSE l.count + 1 END AS count,
     CASE WHEN expired THEN $now ELSE l.windowStart END AS windowStart
SET l.count = count, l.windowStart = windowStart, l.expiresAt = windowStart + $windowMs
RETURN count <= $max AS allowed, windowStart + $windowMs - $now AS retryAfterMs`;

const EXPIRE_LIMITS = cypher`
MATCH (l:FlagLimit) WHERE l.expiresAt < $now
WITH l LIMIT 1000
DETACH DELETE l
RETURN count(*) AS deleted`;

/** Only a current listing can be flagged (no row otherwise). */
const CREATE_FLAG = cypher`
MATCH (o:Organisation)-[:OPERATES]->(s:Service {id: $serviceId})
WHERE s.archived = false
CREATE (f:ListingFlag {id: $id, reason: $reason, note: $note, status: 'OPEN', createdAt: datetime()})-[:ABOUT]->(s)
RETURN ${FLAG_PROJECTION} AS flag`;

const LIST_FLAGS = cypher`
MATCH (o:Organisation)-[:OPERATES]->(s:Service)<-[:ABOUT]-(f:ListingFlag)
WHERE ($organisationId IS NULL OR o.id = $organisationId)
  AND ($serviceId IS NULL OR s.id = $serviceId)
  AND f.status = $status
RETURN ${FLAG_PROJECTION} AS flag
ORDER BY f.createdAt DESC, f.id
LIMIT toInteger($limit)`;

const FIND_FLAG = cypher`
MATCH (o:Organisation)-[:OPERATES]->(s:Service)<-[:ABOUT]-(f:ListingFlag {id: $id})
RETURN ${FLAG_PROJECTION} AS flag`;

const SERVICE_OWNER = cypher`
MATCH (o:Organisation)-[:OPERATES]->(s:Service {id: $serviceId})
RETURN o.id AS organisationId`;

/** Idempotent: a closed flag keeps who closed it first and when. */
const CLOSE_FLAG = cypher`
MATCH (o:Organisation)-[:OPERATES]->(s:Service)<-[:ABOUT]-(f:ListingFlag {id: $id})
SET f.status = 'CLOSED', f.closedAt = coalesce(f.closedAt, datetime()),
  f.closedBy = coalesce(f.closedBy, $closedBy)
RETURN ${FLAG_PROJECTION} AS flag`;

/** The most flags one list answer holds (newest first). */
export const MAX_FLAGS = 200;

interface FlagRow {
  id: string;
  reason: string;
  note: string | null;
  status: string;
  createdAt: unknown;
  closedAt: unknown;
  closedBy: string | null;
  serviceId: string;
  serviceName: string;
  organisationId: string;
}

const REASONS = new Set<string>(Object.values(FlagReason));

function toFlag(row: FlagRow): ListingFlag {
  if (!REASONS.has(row.reason)) {
    throw new TypeError('stored flag has an unknown reason');
  }
  return {
    id: row.id,
    serviceId: row.serviceId,
    serviceName: row.serviceName,
    organisationId: row.organisationId,
    reason: row.reason as FlagReason,
    note: row.note ?? null,
    status: row.status === 'CLOSED' ? FlagStatus.CLOSED : FlagStatus.OPEN,
    createdAt: toDate(row.createdAt) ?? new Date(0),
    closedAt: toDate(row.closedAt),
    closedBy: row.closedBy ?? null,
  };
}

@Injectable()
export class FlagsRepository {
  constructor(private readonly neo: Neo4jService) {}

  async count(
    client: string,
    now: number,
    windowMs: number,
    max: number,
  ): Promise<{ allowed: boolean; retryAfterMs: number }> {
    const [row] = await this.neo.write<{ allowed: boolean; retryAfterMs: number }>(COUNT_FLAG, {
      client,
      now,
      windowMs,
      max,
    });
    return { allowed: row.allowed, retryAfterMs: Number(row.retryAfterMs) };
  }

  async expireLimits(now: number): Promise<void> {
    await this.neo.write(EXPIRE_LIMITS, { now });
  }

  async create(input: {
    id: string;
    serviceId: string;
    reason: FlagReason;
    note: string | null;
  }): Promise<ListingFlag | null> {
    const [row] = await this.neo.write<{ flag: FlagRow }>(CREATE_FLAG, input);
    return row ? toFlag(row.flag) : null;
  }

  async list(filter: {
    organisationId: string | null;
    serviceId: string | null;
    status: FlagStatus;
  }): Promise<ListingFlag[]> {
    const rows = await this.neo.read<{ flag: FlagRow }>(LIST_FLAGS, {
      ...filter,
      limit: MAX_FLAGS,
    });
    return rows.map((row) => toFlag(row.flag));
  }

  async find(id: string): Promise<ListingFlag | null> {
    const [row] = await this.neo.read<{ flag: FlagRow }>(FIND_FLAG, { id });
    return row ? toFlag(row.flag) : null;
  }

  async ownerOfService(serviceId: string): Promise<string | null> {
    const [row] = await this.neo.read<{ organisationId: string }>(SERVICE_OWNER, { serviceId });
    return row?.organisationId ?? null;
  }

  async close(id: string, closedBy: string | null): Promise<ListingFlag | null> {
    const [row] = await this.neo.write<{ flag: FlagRow }>(CLOSE_FLAG, { id, closedBy });
    return row ? toFlag(row.flag) : null;
  }
}
