import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Neo4jService, run } from '../../neo4j/neo4j.service';
import { Cypher, cypher } from '../../neo4j/cypher';

export interface OutboxEntry {
  id: string;
  serviceId: string;
  attempts: number;
}

/**
 * Which entries a worker round takes: `fresh` only services with an interactive edit pending,
 * `backlog` only bulk entries, `mixed` fresh ones first, then the backlog.
 */
export type ClaimLane = 'fresh' | 'backlog' | 'mixed';

export interface FailedEntry {
  id: string;
  attempts: number;
  nextAttemptAtMs: number;
}

export interface OutboxEntryState {
  id: string;
  serviceId: string;
  version: number | null;
  /** Null for an entry recorded without a lane (it counts as backlog). */
  lane: string | null;
  attempts: number;
  done: boolean;
  nextAttemptAtMs: number | null;
  lastError: string | null;
}

/** An entry that may be taken now: pending, due (no backoff running) and not leased. */
const DUE = cypher`e.done = false
  AND (e.nextAttemptAt IS NULL OR e.nextAttemptAt <= datetime({epochMillis: toInteger($nowMs)}))
  AND (e.leaseUntil IS NULL OR e.leaseUntil <= datetime({epochMillis: toInteger($nowMs)}))`;

/** The services of the oldest due fresh entries (interactive edits). */
export const FRESH_DUE_SERVICES = cypher`
MATCH (e:SearchOutbox)
USING INDEX e:SearchOutbox(done, lane, createdAt)
WHERE e.done = false AND e.lane = 'fresh' AND e.createdAt IS NOT NULL AND ${DUE}
WITH e ORDER BY e.createdAt LIMIT toInteger($limit)
RETURN collect(DISTINCT e.serviceId) AS serviceIds`;

/** The services of the oldest due backlog entries (an entry with no lane counts as backlog). */
export const BACKLOG_DUE_SERVICES = cypher`
MATCH (e:SearchOutbox)
USING INDEX e:SearchOutbox(done, createdAt)
WHERE e.done = false AND e.createdAt IS NOT NULL AND coalesce(e.lane, 'backlog') <> 'fresh'
  AND ${DUE}
  AND NOT e.serviceId IN $taken
WITH e ORDER BY e.createdAt LIMIT toInteger($limit)
RETURN collect(DISTINCT e.serviceId) AS serviceIds`;

/**
 * First half of a lease: marks every due entry of the services (of the lanes given; null: all)
 * with this claim's token, which takes each entry's write lock. A concurrent claim of the same
 * entries waits here until this transaction commits. Locks are taken in id order (fewer
 * deadlocks; the driver retries a transaction that hits one).
 */
const MARK_CLAIM = cypher`
UNWIND $serviceIds AS serviceId
MATCH (e:SearchOutbox {serviceId: serviceId})
WHERE ${DUE} AND ($lanes IS NULL OR coalesce(e.lane, 'backlog') IN $lanes)
WITH e ORDER BY e.id
SET e.claim = $claim`;

/**
 * Second half, a statement of its own so every property is read again now that the locks are
 * held: the entries still due (not leased by a claim that committed meanwhile) are leased.
 */
const LEASE_CLAIMED = cypher`
UNWIND $serviceIds AS serviceId
MATCH (e:SearchOutbox {serviceId: serviceId})
WHERE e.claim = $claim AND ${DUE}
SET e.leaseUntil = datetime({epochMillis: toInteger($leaseUntilMs)})
RETURN e.id AS id, e.serviceId AS serviceId, e.attempts AS attempts
ORDER BY e.createdAt, e.id`;

const PENDING_IDS = cypher`
MATCH (e:SearchOutbox)
WHERE e.done = false
RETURN e.id AS id`;

const MARK_DONE = cypher`
UNWIND $ids AS id
MATCH (e:SearchOutbox {id: id})
WHERE e.done = false
SET e.done = true, e.doneAt = datetime({epochMillis: toInteger($nowMs)}), e.leaseUntil = null`;

const RELEASE = cypher`
UNWIND $ids AS id
MATCH (e:SearchOutbox {id: id})
SET e.leaseUntil = null`;

const MARK_FAILED = cypher`
UNWIND $rows AS row
MATCH (e:SearchOutbox {id: row.id})
SET e.attempts = row.attempts, e.nextAttemptAt = datetime({epochMillis: toInteger(row.nextAttemptAtMs)}),
  e.lastError = $reason, e.leaseUntil = null`;

/** Only entries that are done, and long done, are ever deleted. */
const PURGE_DONE = cypher`
MATCH (e:SearchOutbox)
WHERE e.done = true AND e.doneAt < datetime({epochMillis: toInteger($beforeMs)})
WITH e LIMIT 1000
DELETE e
RETURN count(*) AS purged`;

const ENTRIES_OF = cypher`
MATCH (e:SearchOutbox)
WHERE e.serviceId IN $serviceIds
RETURN e.id AS id, e.serviceId AS serviceId, e.version AS version, e.lane AS lane, e.attempts AS attempts,
  e.done AS done, e.nextAttemptAt.epochMillis AS nextAttemptAtMs, e.lastError AS lastError
ORDER BY e.createdAt, e.id`;

const COUNT_PENDING = cypher`MATCH (e:SearchOutbox) WHERE e.done = false RETURN count(e) AS n`;

/** The outbox as the sync worker reads and updates it. */
@Injectable()
export class SearchSyncRepository {
  constructor(private readonly neo: Neo4jService) {}

  /**
   * Leases the due entries of up to `limit` services until `leaseUntilMs` (see ClaimLane): each
   * service is taken with all its due entries of the lane (the fresh lane takes its backlog
   * entries too; the backlog lane leaves a fresh entry to the fresh lane), so it is pushed once
   * however often it changed. Two workers never lease the same entry: the lease is a conditional
   * update under the entries' write locks, in one transaction.
   */
  async claim(
    nowMs: number,
    leaseUntilMs: number,
    limit: number,
    lane: ClaimLane = 'mixed',
  ): Promise<OutboxEntry[]> {
    const claim = randomUUID();
    return this.neo.writeTx(async (tx) => {
      const serviceIdsOf = async (query: Cypher, params: Record<string, unknown>) => {
        const [row] = await run<{ serviceIds: string[] }>(tx, query, { nowMs, ...params });
        return row?.serviceIds ?? [];
      };
      const fresh = lane === 'backlog' ? [] : await serviceIdsOf(FRESH_DUE_SERVICES, { limit });
      const backlog =
        lane !== 'fresh' && fresh.length < limit
          ? await serviceIdsOf(BACKLOG_DUE_SERVICES, { limit: limit - fresh.length, taken: fresh })
          : [];
      const serviceIds = [...fresh, ...backlog];
      if (serviceIds.length === 0) {
        return [];
      }
      const lanes = lane === 'backlog' ? ['backlog'] : null;
      await run(tx, MARK_CLAIM, { serviceIds, nowMs, lanes, claim });
      return run<OutboxEntry>(tx, LEASE_CLAIMED, { serviceIds, nowMs, leaseUntilMs, claim });
    });
  }

  /** The ids of every pending entry (a reindex marks these done once it has pushed everything). */
  async pendingIds(): Promise<string[]> {
    const rows = await this.neo.read<{ id: string }>(PENDING_IDS);
    return rows.map((r) => r.id);
  }

  /** Marks entries done (those already done are left as they are), in batches of 1000. */
  async markDone(ids: string[], nowMs: number): Promise<void> {
    for (let i = 0; i < ids.length; i += 1000) {
      await this.neo.write(MARK_DONE, { ids: ids.slice(i, i + 1000), nowMs });
    }
  }

  /** Gives entries back without counting an attempt (they are due again at once). */
  async release(ids: string[]): Promise<void> {
    if (ids.length > 0) {
      await this.neo.write(RELEASE, { ids });
    }
  }

  /** Records a failed attempt; `reason` is an error name, never data. */
  async markFailed(rows: FailedEntry[], reason: string): Promise<void> {
    if (rows.length > 0) {
      await this.neo.write(MARK_FAILED, { rows, reason });
    }
  }

  async purgeDone(beforeMs: number): Promise<number> {
    const [row] = await this.neo.write<{ purged: number }>(PURGE_DONE, { beforeMs });
    return row?.purged ?? 0;
  }

  /** Every entry recorded for the services, oldest first (diagnostics and tests). */
  async entriesOf(serviceIds: string[]): Promise<OutboxEntryState[]> {
    return this.neo.read<OutboxEntryState>(ENTRIES_OF, { serviceIds });
  }

  async countPending(): Promise<number> {
    const [row] = await this.neo.read<{ n: number }>(COUNT_PENDING);
    return row?.n ?? 0;
  }
}
