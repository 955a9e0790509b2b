import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { GeographyService } from '../../geography/geography.service';
import { Neo4jService } from '../../neo4j/neo4j.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { errorName } from '../error-name';
import { refreshSearchTextInTx } from '../neo4j/search-text';
import { SearchIndex } from '../search-index';
import { SearchSyncWorker, SyncReport } from './search-sync.worker';
import { SearchSyncRepository } from './search-sync.repository';
import { SearchSourceRepository } from './search-source.repository';

/** How often the fresh lane polls the outbox (a fresh edit waits at most this long to be taken). */
export const FRESH_INTERVAL_MS = 100;
/** How often the backlog lane looks for work when idle. */
export const BACKLOG_INTERVAL_MS = 250;
const PURGE_DONE_AFTER_MS = 7 * 24 * 3600 * 1000;
const BACKFILL_BATCH = 200;

/**
 * Keeps search current in the running app. On start: services without `searchText` (written
 * straight into the graph) get it. With Meilisearch: settings are applied (retried until they
 * succeed) and the outbox is served by two lanes side by side. The fresh lane (interactive edits,
 * see OutboxLane) polls ten times a second and pushes at once. The backlog lane (bulk writes)
 * drains oldest first in batches Meilisearch applies in about 250 ms, one at a time, and waits
 * while the fresh lane pushes: since Meilisearch applies an index's tasks in order, a fresh edit
 * waits behind at most the one backlog task in flight. When Meilisearch is down the entries wait
 * with backoff and are pushed when it returns.
 */
@Injectable()
export class SearchSyncScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('SearchSync');
  readonly worker: SearchSyncWorker;
  private timer: NodeJS.Timeout | undefined;
  private backlogInFlight: Promise<void> | undefined;
  private freshInFlight: Promise<void> | undefined;
  private prepared = false;
  private failing = false;
  private stopping = false;
  private lastPurge = 0;
  private lastBacklogTick = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly index: SearchIndex,
    private readonly graph: SearchSourceRepository,
    private readonly outbox: SearchSyncRepository,
    private readonly neo: Neo4jService,
    taxonomy: TaxonomyService,
    geography: GeographyService,
  ) {
    this.worker = new SearchSyncWorker(graph, outbox, index, taxonomy, geography);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.backfillSearchText().catch((error: unknown) =>
      this.logger.warn(`searchText backfill failed: ${errorName(error)}`),
    );
    if (this.index.engine === 'meilisearch') {
      this.timer = setInterval(() => this.tick(), FRESH_INTERVAL_MS);
      this.timer.unref();
      this.tick();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.timer) {
      clearInterval(this.timer);
    }
    await Promise.all([this.backlogInFlight, this.freshInFlight]);
  }

  private tick(): void {
    if (this.stopping) {
      return;
    }
    const now = Date.now();
    if (!this.backlogInFlight && now - this.lastBacklogTick >= BACKLOG_INTERVAL_MS) {
      this.lastBacklogTick = now;
      this.backlogInFlight = this.backlogRound().finally(() => {
        this.backlogInFlight = undefined;
      });
    }
    if (this.prepared) {
      this.freshInFlight ??= this.freshRound().finally(() => {
        this.freshInFlight = undefined;
      });
    }
  }

  private readonly stop = (): boolean => this.stopping;

  /** The fresh lane's round now running, if any. */
  private freshPush: Promise<SyncReport> | undefined;

  /**
   * The backlog lane enqueues nothing while a fresh round pushes (it then goes first; the two
   * lanes alternate when both have work, so neither starves).
   */
  private readonly freshIdle = async (): Promise<void> => {
    await this.freshPush?.catch(() => undefined);
  };

  private async freshRound(): Promise<void> {
    try {
      const report = await this.worker.drain(20, 'fresh', this.stop, undefined, (round) => {
        this.freshPush = round;
      });
      // An idle fresh lane says nothing about Meilisearch (the backlog lane may be backing off).
      if (report.claimed > 0) {
        this.report(report);
      }
    } catch (error) {
      this.reportFailure(`sync round failed: ${errorName(error)}`);
    }
  }

  private async backlogRound(): Promise<void> {
    try {
      if (!this.prepared) {
        await this.index.prepare();
        this.prepared = true;
        this.logger.log(`index "${this.config.search.meiliIndex}" ready`);
      }
      this.report(await this.worker.drain(20, 'backlog', this.stop, this.freshIdle));
      const now = Date.now();
      if (now - this.lastPurge > 3600_000) {
        this.lastPurge = now;
        await this.outbox.purgeDone(now - PURGE_DONE_AFTER_MS);
      }
    } catch (error) {
      this.reportFailure(`sync round failed: ${errorName(error)}`);
    }
  }

  private report(report: SyncReport): void {
    if (report.failed > 0) {
      this.reportFailure(`${report.failed} change(s) not pushed; retrying with backoff`);
    } else if (report.done > 0 || report.claimed === 0) {
      this.reportRecovery(report.done);
    }
  }

  private reportFailure(message: string): void {
    if (!this.failing) {
      this.logger.warn(message);
    }
    this.failing = true;
  }

  private reportRecovery(done: number): void {
    if (this.failing) {
      this.logger.log(`Meilisearch reachable again (${done} change(s) pushed)`);
    }
    this.failing = false;
  }

  private async backfillSearchText(): Promise<void> {
    let total = 0;
    for (;;) {
      const ids = await this.graph.idsWithoutSearchText(BACKFILL_BATCH);
      if (ids.length === 0) {
        break;
      }
      total += await this.neo.writeTx((tx) => refreshSearchTextInTx(tx, ids));
    }
    if (total > 0) {
      this.logger.log(`searchText computed for ${total} service(s)`);
    }
  }
}
