import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import neo4j, {
  BookmarkManager,
  Driver,
  isRetryableError,
  ManagedTransaction,
  RecordShape,
  routing,
  Session,
  SessionMode,
} from 'neo4j-driver';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { Cypher, cypher } from './cypher';
import { databaseUnreachable, mapNeo4jError, outageReason } from './neo4j-errors';

export type Params = Record<string, unknown>;
export type Tx = ManagedTransaction;

/** While Neo4j is unreachable: since when, and the probe that notices its return. */
interface Outage {
  since: number;
  probe: NodeJS.Timeout;
}

/** While Neo4j is out, how often the probe tries it (one probe at a time). */
export const OUTAGE_PROBE_MS = 250;
/** The most a warm-up read may take before the outage ends without waiting for it. */
const WARM_UP_BUDGET_MS = 2_000;

/** A read the API runs on most requests: planned by Neo4j before requests reach it again. */
interface WarmUp {
  query: Cypher;
  params: Params;
}

const PING = cypher`RETURN 1 AS ok`;

/**
 * The one class that talks to neo4j-driver: it names the database on every call, routes reads to
 * readers, and maps driver errors by code. Integers come back as JS numbers (our counts and ages
 * are small), so callers never see driver Integer objects.
 *
 * Fails fast: connecting, waiting for a pooled connection, each transaction and the driver's
 * retries are bounded (NEO4J_*_MS), so with Neo4j down a request gets UNAVAILABLE in seconds.
 * Once a call has failed that way (after the driver's retries), an outage is on: calls fail at
 * once, without trying, and a probe (one `RETURN 1` every OUTAGE_PROBE_MS, beside the warm-up
 * reads: see `keepWarm`) ends it when Neo4j answers again.
 * The start and the end of an outage are logged once each.
 *
 * Causal consistency: every session and query shares the driver's bookmark manager, so a read
 * always sees the writes this process made before it, also when a Neo4j cluster routes the read
 * to a follower (token revocation, the search worker reading what it just claimed).
 */
@Injectable()
export class Neo4jService implements OnApplicationShutdown {
  private readonly logger = new Logger(Neo4jService.name);
  readonly driver: Driver;
  private readonly database: string;
  private readonly txConfig: { timeout: number };
  private readonly bookmarks: BookmarkManager;
  private outage: Outage | undefined;
  private closed = false;
  private readonly warmUps: WarmUp[] = [];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.database = config.neo4j.database;
    this.txConfig = { timeout: config.neo4j.transactionTimeoutMs };
    this.driver = neo4j.driver(
      config.neo4j.uri,
      neo4j.auth.basic(config.neo4j.username, config.neo4j.password),
      {
        disableLosslessIntegers: true,
        maxConnectionPoolSize: config.neo4j.maxPoolSize,
        connectionTimeout: config.neo4j.connectionTimeoutMs,
        connectionAcquisitionTimeout: config.neo4j.acquisitionTimeoutMs,
        maxTransactionRetryTime: config.neo4j.maxRetryTimeMs,
      },
    );
    this.bookmarks = this.driver.executeQueryBookmarkManager;
  }

  /** True while the last contact with Neo4j failed because it was unreachable. */
  get unreachable(): boolean {
    return this.outage !== undefined;
  }

  /**
   * One round trip to the database (no retries), for readiness checks. Rejects with the mapped
   * error when Neo4j does not answer.
   */
  async ping(): Promise<void> {
    await this.tracked(() => this.roundTrip());
  }

  private async roundTrip(): Promise<void> {
    const session = this.session(neo4j.session.READ);
    try {
      await session.run(PING.text, {}, this.txConfig);
    } finally {
      await session.close();
    }
  }

  /**
   * Registers a read the API runs on most requests (the catalogue stamp, the token lookup). A
   * Neo4j that was just started plans every statement on its first run, which takes seconds on
   * a cold JVM; so at start-up and when an outage ends, these run (with these parameters, which
   * should select little) before requests reach the database again, and the first requests
   * find their plans cached.
   */
  keepWarm(query: Cypher, params: Params = {}): void {
    if (!this.warmUps.some((w) => w.query === query)) {
      this.warmUps.push({ query, params });
    }
  }

  /**
   * Runs every registered warm-up read once, side by side, each bounded by WARM_UP_BUDGET_MS
   * (one that takes longer is left to finish by itself). Never fails: a warm-up that fails only
   * means the first request plans its own statement.
   */
  async warmUp(): Promise<void> {
    const runs = this.warmUps.map(({ query, params }) => {
      const session = this.session(neo4j.session.READ);
      return session
        .run(query.text, params, this.txConfig)
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => session.close());
    });
    // The budget's timer is cleared when the runs end first: a command-line context must end
    // with nothing of its own still pending.
    let budget: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        Promise.all(runs),
        new Promise((resolve) => {
          budget = setTimeout(resolve, WARM_UP_BUDGET_MS).unref();
        }),
      ]);
    } finally {
      clearTimeout(budget);
    }
  }

  /** Waits until the server answers (it may still be starting), then fails clearly. */
  async verify(attempts = 30): Promise<void> {
    for (let i = 1; ; i++) {
      try {
        await this.driver.getServerInfo({ database: this.database });
        return;
      } catch (error) {
        if (i >= attempts) {
          throw mapNeo4jError(error);
        }
        if (i === 1) {
          this.logger.log('waiting for Neo4j…');
        }
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  /** Runs one read query (routed to readers) and returns its records as plain objects. */
  async read<T extends RecordShape>(query: Cypher, params: Params = {}): Promise<T[]> {
    return this.query<T>(query, params, routing.READ);
  }

  /**
   * Like `read`, but on a cluster served by the leader, which has every committed write, also
   * those made through other API instances (whose bookmarks this process does not have). For
   * reads that must never be stale anywhere, such as the token lookup after a revocation.
   */
  async readLatest<T extends RecordShape>(query: Cypher, params: Params = {}): Promise<T[]> {
    return this.query<T>(query, params, routing.WRITE);
  }

  /**
   * A read is one auto-commit transaction (`session.run`): RUN and PULL in one message and one
   * round trip, where the managed `executeQuery` sends BEGIN, RUN and PULL, then COMMIT after the
   * answer (two round trips, three writes). For the light reads of a request (the catalogue stamp:
   * one index seek) that halves the driver's and Neo4j's processor time and the latency (see
   * docs/performance.md). The session shares the bookmark manager, so a read still sees this
   * process's writes. Auto-commit transactions are not retried by the driver: a retriable error
   * (a leader change, a connection lost) runs the read again through `executeQuery`, which
   * retries it for up to NEO4J_MAX_RETRY_TIME_MS as before. Reads only: nothing is written twice.
   */
  private async query<T extends RecordShape>(
    query: Cypher,
    params: Params,
    route: typeof routing.READ | typeof routing.WRITE,
  ): Promise<T[]> {
    return this.tracked(async () => {
      const session = this.session(
        route === routing.READ ? neo4j.session.READ : neo4j.session.WRITE,
      );
      try {
        const result = await session.run<T>(query.text, params, this.txConfig);
        return result.records.map((r) => r.toObject());
      } catch (error) {
        if (!isRetryableError(error)) {
          throw error;
        }
      } finally {
        await session.close();
      }
      return this.managedQuery<T>(query, params, route);
    });
  }

  /** One read through the driver's managed `executeQuery`, with its retries. */
  private async managedQuery<T extends RecordShape>(
    query: Cypher,
    params: Params,
    route: typeof routing.READ | typeof routing.WRITE,
  ): Promise<T[]> {
    const result = await this.driver.executeQuery<{ records: { toObject(): T }[] }>(
      query.text,
      params,
      {
        database: this.database,
        routing: route,
        bookmarkManager: this.bookmarks,
        transactionConfig: this.txConfig,
        resultTransformer: neo4j.resultTransformers.eagerResultTransformer(),
      },
    );
    return result.records.map((r) => r.toObject());
  }

  /** Runs one write query in its own transaction. */
  async write<T extends RecordShape>(query: Cypher, params: Params = {}): Promise<T[]> {
    return this.writeTx((tx) => run<T>(tx, query, params));
  }

  /** Runs a unit of work in one write transaction (retried by the driver: keep it idempotent). */
  async writeTx<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.tracked(async () => {
      const session = this.session(neo4j.session.WRITE);
      try {
        return await session.executeWrite(work, this.txConfig);
      } finally {
        await session.close();
      }
    });
  }

  /** Runs a unit of work in one read transaction. */
  async readTx<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.tracked(async () => {
      const session = this.session(neo4j.session.READ);
      try {
        return await session.executeRead(work, this.txConfig);
      } finally {
        await session.close();
      }
    });
  }

  /**
   * Runs a schema command (not allowed inside a data transaction). No transaction timeout: a
   * migration may build an index over existing data.
   */
  async schema(statement: Cypher): Promise<void> {
    await this.tracked(async () => {
      const session = this.session(neo4j.session.WRITE);
      try {
        await session.run(statement.text);
      } finally {
        await session.close();
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.outage) {
      clearInterval(this.outage.probe);
      this.outage = undefined;
    }
    await this.driver.close();
  }

  private session(mode: SessionMode): Session {
    return this.driver.session({
      database: this.database,
      defaultAccessMode: mode,
      bookmarkManager: this.bookmarks,
    });
  }

  /** Runs driver work, maps its errors and keeps track of outages. */
  private async tracked<T>(work: () => Promise<T>): Promise<T> {
    if (this.outage) {
      throw databaseUnreachable();
    }
    let result: T;
    try {
      result = await work();
    } catch (error) {
      const reason = outageReason(error);
      if (reason) {
        this.outageStarted(reason);
      }
      throw mapNeo4jError(error);
    }
    if (this.outage) {
      this.outageEnded();
    }
    return result;
  }

  private outageStarted(reason: string): void {
    if (this.outage || this.closed) {
      return;
    }
    this.logger.warn(`Neo4j unreachable (${reason}); answering UNAVAILABLE until it is back`);
    let probing = false;
    const probe = setInterval(() => {
      if (probing) {
        return;
      }
      probing = true;
      // The hot statements run beside the round trip, so a Neo4j that is back plans them at
      // once, before requests reach it (they then take their usual time); meanwhile requests
      // still get UNAVAILABLE at once rather than wait.
      Promise.all([this.roundTrip(), this.warmUp()])
        .then(
          () => this.outageEnded(),
          () => undefined,
        )
        .finally(() => {
          probing = false;
        });
    }, OUTAGE_PROBE_MS);
    probe.unref();
    this.outage = { since: Date.now(), probe };
  }

  private outageEnded(): void {
    const outage = this.outage;
    if (!outage) {
      return;
    }
    this.outage = undefined;
    clearInterval(outage.probe);
    const seconds = Math.round((Date.now() - outage.since) / 1000);
    // WARN like the start, so a log filtered to warnings still shows the outage has ended.
    this.logger.warn(`Neo4j reachable again after ${seconds} s`);
  }
}

/** Runs a query inside a transaction and returns records as plain objects. */
export async function run<T extends RecordShape>(
  tx: Tx,
  query: Cypher,
  params: Params = {},
): Promise<T[]> {
  const result = await tx.run<T>(query.text, params);
  return result.records.map((r) => r.toObject());
}
