import { Injectable } from '@nestjs/common';
import { Neo4jService } from '../neo4j/neo4j.service';

export interface OutboxEntry {
  id: string;
  serviceId: string;
  attempts: number;
}

export interface FailedEntry {
  id: string;
  attempts: number;
  nextAttemptAtMs: number;
}

export interface OutboxEntryState {
  id: string;
  serviceId: string;
  version: number | null;
  attempts: number;
  done: boolean;
  nextAttemptAtMs: number | null;
  lastError: string | null;
}

/**
 * Takes a batch of due entries (oldest first) and leases them, so a second worker (another app
 * instance) does not push the same batch at the same time. A lease that is not released (the
 * worker died) expires and the entries are taken again: nothing is lost.
 */
const CLAIM = `
MATCH (e:SearchOutbox)
WHERE e.done = false
  AND (e.nextAttemptAt IS NULL OR e.nextAttemptAt <= datetime({epochMillis: toInteger($nowMs)}))
  AND (e.leaseUntil IS NULL OR e.leaseUntil <= datetime({epochMillis: toInteger($nowMs)}))
WITH e ORDER BY e.createdAt, e.id LIMIT toInteger($limit)
SET e.leaseUntil = datetime({epochMillis: toInteger($leaseUntilMs)})
RETURN e.id AS id, e.serviceId AS serviceId, e.attempts AS attempts`;

const MARK_DONE = `
UNWIND $ids AS id
MATCH (e:SearchOutbox {id: id})
SET e.done = true, e.doneAt = datetime({epochMillis: toInteger($nowMs)}), e.leaseUntil = null`;

const RELEASE = `
UNWIND $ids AS id
MATCH (e:SearchOutbox {id: id})
SET e.leaseUntil = null`;

const MARK_FAILED = `
UNWIND $rows AS row
MATCH (e:SearchOutbox {id: row.id})
SET e.attempts = row.attempts, e.nextAttemptAt = datetime({epochMillis: toInteger(row.nextAttemptAtMs)}),
  e.lastError = $reason, e.leaseUntil = null`;

/** Only entries that are done, and long done, are ever deleted. */
const PURGE_DONE = `
MATCH (e:SearchOutbox)
WHERE e.done = true AND e.doneAt < datetime({epochMillis: toInteger($beforeMs)})
WITH e LIMIT 1000
DELETE e
RETURN count(*) AS purged`;

const ENTRIES_OF = `
MATCH (e:SearchOutbox)
WHERE e.serviceId IN $serviceIds
RETURN e.id AS id, e.serviceId AS serviceId, e.version AS version, e.attempts AS attempts,
  e.done AS done, e.nextAttemptAt.epochMillis AS nextAttemptAtMs, e.lastError AS lastError
ORDER BY e.createdAt, e.id`;

const COUNT_PENDING = `MATCH (e:SearchOutbox) WHERE e.done = false RETURN count(e) AS n`;

/** The outbox as the sync worker reads and updates it. */
@Injectable()
export class SearchSyncRepository {
  constructor(private readonly neo: Neo4jService) {}

  /** Leases up to `limit` due entries until `leaseUntilMs`. */
  async claim(nowMs: number, leaseUntilMs: number, limit: number): Promise<OutboxEntry[]> {
    return this.neo.write<OutboxEntry>(CLAIM, { nowMs, leaseUntilMs, limit });
  }

  async markDone(ids: string[], nowMs: number): Promise<void> {
    if (ids.length > 0) {
      await this.neo.write(MARK_DONE, { ids, nowMs });
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
