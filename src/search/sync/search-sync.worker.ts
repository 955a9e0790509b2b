import { GeographyService } from '../../geography/geography.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { SearchDocument, toSearchDocument } from '../search-document';
import { SearchSyncTarget } from '../search-index';
import { SearchSourceRepository } from './search-source.repository';
import { errorName } from '../error-name';
import { ClaimLane, OutboxEntry, SearchSyncRepository } from './search-sync.repository';

export interface SyncOptions {
  /** Services taken per round of the `mixed` lane, and at most per round of the backlog lane. */
  batchSize: number;
  /** Services taken per round of the fresh lane. */
  freshBatchSize: number;
  /**
   * The backlog lane's batch is sized so that Meilisearch applies it within about this long: a
   * fresh edit enqueued behind it waits at most that (Meilisearch applies an index's tasks in
   * order). The size adapts after every push (smaller when one took longer, larger when quick).
   */
  backlogTaskTargetMs: number;
  /** The backlog lane's first batch size, and its smallest. */
  backlogStartBatch: number;
  backlogMinBatch: number;
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
  backlogTaskTargetMs: 250,
  backlogStartBatch: 20,
  backlogMinBatch: 20,
  leaseMs: 60_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 5 * 60_000,
  now: () => Date.now(),
};

/**
 * The next backlog batch size after `size` services took `tookMs` to apply: scaled toward the
 * target (never more than doubling at once), within [min, max].
 */
export function nextBacklogBatch(
  size: number,
  tookMs: number,
  options: Pick<SyncOptions, 'backlogTaskTargetMs' | 'backlogMinBatch' | 'batchSize'>,
): number {
  const { backlogTaskTargetMs: target, backlogMinBatch: min, batchSize: max } = options;
  const scaled = tookMs <= 0 ? size * 2 : Math.floor((size * target) / tookMs);
  return Math.max(min, Math.min(max, size * 2, scaled));
}

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
    private readonly graph: SearchSourceRepository,
    private readonly outbox: SearchSyncRepository,
    private readonly target: SearchSyncTarget,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
    options: Partial<SyncOptions> = {},
  ) {
    this.options = { ...DEFAULT_SYNC_OPTIONS, ...options };
    this.backlogBatch = Math.min(this.options.backlogStartBatch, this.options.batchSize);
  }

  /** The backlog lane's current batch size (see backlogTaskTargetMs). */
  private backlogBatch: number;

  /**
   * One batch of the lane (see ClaimLane). The app runs the fresh and the backlog lane side by
   * side; tests and catch-up use `mixed`.
   */
  async runOnce(lane: ClaimLane = 'mixed'): Promise<SyncReport> {
    const report = emptyReport();
    const now = this.options.now();
    const size =
      lane === 'fresh'
        ? this.options.freshBatchSize
        : lane === 'backlog'
          ? this.backlogBatch
          : this.options.batchSize;
    const entries = await this.outbox.claim(now, now + this.options.leaseMs, size, lane);
    report.claimed = entries.length;
    if (entries.length === 0) {
      return report;
    }
    let pushed: Map<string, Pushed>;
    try {
      const services = [...new Set(entries.map((e) => e.serviceId))];
      const applied = await this.push(services, report);
      pushed = applied.pushed;
      if (lane === 'backlog' && applied.applyMs !== null && services.length >= this.backlogBatch) {
        this.backlogBatch = nextBacklogBatch(this.backlogBatch, applied.applyMs, this.options);
      }
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
   * outage. `beforeRound` is awaited before each round (the backlog lane waits there while the
   * fresh lane is pushing); `onRound` is told of each round as it starts.
   */
  async drain(
    maxRounds = 100,
    lane: ClaimLane = 'mixed',
    stop: () => boolean = () => false,
    beforeRound: () => Promise<void> = () => Promise.resolve(),
    onRound: (round: Promise<SyncReport>) => void = () => undefined,
  ): Promise<SyncReport> {
    const total = emptyReport();
    for (let i = 0; i < maxRounds && !stop(); i++) {
      await beforeRound();
      const round = this.runOnce(lane);
      onRound(round);
      const r = await round;
      for (const key of Object.keys(total) as (keyof SyncReport)[]) {
        total[key] += r[key];
      }
      if (r.claimed === 0 || r.failed > 0) {
        break;
      }
    }
    return total;
  }

  /** Pushes the services' current state; `applyMs`: how long the index took to apply it. */
  private async push(
    serviceIds: string[],
    report: SyncReport,
  ): Promise<{ pushed: Map<string, Pushed>; applyMs: number | null }> {
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
    const started = this.options.now();
    if (documents.length > 0) {
      await this.target.upsert(documents);
      report.upserted = documents.length;
    }
    if (gone.length > 0) {
      await this.target.remove(gone);
      report.removed = gone.length;
      gone.forEach((id) => pushed.set(id, { kind: 'remove' }));
    }
    const applyMs = documents.length + gone.length > 0 ? this.options.now() - started : null;
    return { pushed, applyMs };
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
