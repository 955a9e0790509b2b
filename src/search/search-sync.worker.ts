import { GeographyService } from '../geography/geography.service';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { SearchDocument, toSearchDocument } from './search-document';
import { SearchSyncTarget } from './search-index';
import { SearchRepository } from './search.repository';
import { ClaimLane, OutboxEntry, SearchSyncRepository } from './search-sync.repository';

export interface SyncOptions {
  /** Services taken per round (each with all its pending entries). */
  batchSize: number;
  /** Services taken per round of the fresh lane (small: a fresh edit is pushed quickly). */
  freshBatchSize: number;
  /** Entries recorded within this long count as fresh edits. */
  freshWindowMs: number;
  /** How long a taken batch is reserved for this worker. */
  leaseMs: number;
  /** Wait after the first failure; doubled after each further one, up to backoffMaxMs. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** The clock (tests move it forward instead of waiting). */
  now: () => number;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  batchSize: 100,
  freshBatchSize: 20,
  freshWindowMs: 10_000,
  leaseMs: 60_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 5 * 60_000,
  now: () => Date.now(),
};

export interface SyncReport {
  /** Entries taken. */
  claimed: number;
  /** Documents written / removed in the index. */
  upserted: number;
  removed: number;
  /** Documents not written because the index already holds a newer version. */
  skippedNewer: number;
  /** Entries marked done. */
  done: number;
  /** Entries given back because the service changed while they were pushed. */
  requeued: number;
  /** Entries whose push failed (retried later with backoff). */
  failed: number;
}

const emptyReport = (): SyncReport => ({
  claimed: 0,
  upserted: 0,
  removed: 0,
  skippedNewer: 0,
  done: 0,
  requeued: 0,
  failed: 0,
});

/** The wait before the next try after `attempts` failures in a row. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * A short, data-free description of a failure (name and code, never the message). Checked by
 * shape, not `instanceof`: the Meilisearch client's errors may come from another module realm.
 */
export function errorName(error: unknown): string {
  const describe = (e: unknown, depth: number): string => {
    if (typeof e !== 'object' || e === null) {
      return 'unknown';
    }
    const name = 'name' in e && typeof e.name === 'string' ? e.name : 'unknown';
    const code = 'code' in e && typeof e.code === 'string' ? `:${e.code}` : '';
    // The Meilisearch client wraps what failed (refused connection, error answer) as the cause.
    const cause =
      depth < 2 && 'cause' in e && e.cause instanceof Object && 'name' in e.cause
        ? ` <- ${describe(e.cause, depth + 1)}`
        : '';
    return `${name}${code}${cause}`;
  };
  return describe(error, 0).slice(0, 120);
}

/** What was pushed for one service in this round. */
type Pushed = { kind: 'upsert'; version: number } | { kind: 'remove' } | { kind: 'newer' };

/**
 * Pushes outbox entries to a search index: takes a batch, loads the *current* state of those
 * services from the graph (never the state recorded with the entry, so a late push cannot carry
 * old data), writes or removes documents, waits until the index has applied them, and only then
 * marks the entries done. A failure leaves every entry in place with a later due time; nothing is
 * deleted until it is done. If a service changed again while its batch was pushed (another worker
 * may have pushed the newer state first), its entries stay pending and are pushed once more.
 */
export class SearchSyncWorker {
  private readonly options: SyncOptions;

  constructor(
    private readonly graph: SearchRepository,
    private readonly outbox: SearchSyncRepository,
    private readonly target: SearchSyncTarget,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
    options: Partial<SyncOptions> = {},
  ) {
    this.options = { ...DEFAULT_SYNC_OPTIONS, ...options };
  }

  /**
   * One batch of the lane: `fresh` takes the services changed most recently (the app runs it
   * beside the `backlog` lane, so a fresh edit never waits for the backlog), `backlog` those
   * waiting longest, `mixed` half of each.
   */
  async runOnce(lane: ClaimLane = 'mixed'): Promise<SyncReport> {
    const report = emptyReport();
    const now = this.options.now();
    const fresh = lane === 'fresh';
    const entries = await this.outbox.claim(
      now,
      now + this.options.leaseMs,
      fresh ? this.options.freshBatchSize : this.options.batchSize,
      lane,
      fresh ? now - this.options.freshWindowMs : null,
    );
    report.claimed = entries.length;
    if (entries.length === 0) {
      return report;
    }
    let pushed: Map<string, Pushed>;
    try {
      pushed = await this.push([...new Set(entries.map((e) => e.serviceId))], report);
    } catch (error) {
      await this.fail(entries, now, error);
      report.failed = entries.length;
      return report;
    }
    const after = await this.graph.states([...pushed.keys()]);
    const done: string[] = [];
    const requeue: string[] = [];
    for (const entry of entries) {
      const p = pushed.get(entry.serviceId);
      const state = after.get(entry.serviceId);
      const current =
        p?.kind === 'newer' ||
        (p?.kind === 'upsert' && state?.live === true && state.version === p.version) ||
        (p?.kind === 'remove' && state?.live !== true);
      (current ? done : requeue).push(entry.id);
    }
    await this.outbox.markDone(done, this.options.now());
    await this.outbox.release(requeue);
    report.done = done.length;
    report.requeued = requeue.length;
    return report;
  }

  /**
   * Rounds until nothing is due (or maxRounds, or `stop()` says so), e.g. to catch up after an
   * outage.
   */
  async drain(
    maxRounds = 100,
    lane: ClaimLane = 'mixed',
    stop: () => boolean = () => false,
  ): Promise<SyncReport> {
    const total = emptyReport();
    for (let i = 0; i < maxRounds && !stop(); i++) {
      const r = await this.runOnce(lane);
      for (const key of Object.keys(total) as (keyof SyncReport)[]) {
        total[key] += r[key];
      }
      if (r.claimed === 0 || r.failed > 0) {
        break;
      }
    }
    return total;
  }

  private async push(serviceIds: string[], report: SyncReport): Promise<Map<string, Pushed>> {
    const [rows, taxonomy, geography] = await Promise.all([
      this.graph.loadSources(serviceIds),
      this.taxonomy.get(),
      this.geography.get(),
    ]);
    const pushed = new Map<string, Pushed>();
    const live = rows.filter((r) => r.live && r.source);
    const held =
      live.length > 0
        ? await this.target.versions(live.map((r) => r.id))
        : new Map<string, number>();
    const documents: SearchDocument[] = [];
    for (const row of live) {
      if (!row.source) {
        continue;
      }
      const document = toSearchDocument(row.source, taxonomy, geography);
      const heldVersion = held.get(row.id);
      if (heldVersion !== undefined && heldVersion > document.version) {
        pushed.set(row.id, { kind: 'newer' });
        report.skippedNewer += 1;
        continue;
      }
      documents.push(document);
      pushed.set(row.id, { kind: 'upsert', version: document.version });
    }
    const gone = rows.filter((r) => !r.live).map((r) => r.id);
    if (documents.length > 0) {
      await this.target.upsert(documents);
      report.upserted = documents.length;
    }
    if (gone.length > 0) {
      await this.target.remove(gone);
      report.removed = gone.length;
      gone.forEach((id) => pushed.set(id, { kind: 'remove' }));
    }
    return pushed;
  }

  private async fail(entries: OutboxEntry[], now: number, error: unknown): Promise<void> {
    const { backoffBaseMs, backoffMaxMs } = this.options;
    await this.outbox.markFailed(
      entries.map((e) => {
        const attempts = e.attempts + 1;
        return {
          id: e.id,
          attempts,
          nextAttemptAtMs: now + backoffMs(attempts, backoffBaseMs, backoffMaxMs),
        };
      }),
      errorName(error),
    );
  }
}
