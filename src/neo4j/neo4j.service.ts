import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import neo4j, { Driver, ManagedTransaction, RecordShape, routing } from 'neo4j-driver';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { mapNeo4jError } from './neo4j-errors';

export type Params = Record<string, unknown>;
export type Tx = ManagedTransaction;

/**
 * The one class that talks to neo4j-driver: it names the database on every call, routes reads to
 * readers, and maps driver errors by code. Integers come back as JS numbers (our counts and ages
 * are small), so callers never see driver Integer objects.
 */
@Injectable()
export class Neo4jService implements OnApplicationShutdown {
  private readonly logger = new Logger(Neo4jService.name);
  readonly driver: Driver;
  private readonly database: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.database = config.neo4j.database;
    this.driver = neo4j.driver(
      config.neo4j.uri,
      neo4j.auth.basic(config.neo4j.username, config.neo4j.password),
      {
        disableLosslessIntegers: true,
        maxConnectionPoolSize: 50,
        connectionAcquisitionTimeout: 20000,
      },
    );
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
  async read<T extends RecordShape>(cypher: string, params: Params = {}): Promise<T[]> {
    try {
      const result = await this.driver.executeQuery<{ records: { toObject(): T }[] }>(
        cypher,
        params,
        {
          database: this.database,
          routing: routing.READ,
          resultTransformer: neo4j.resultTransformers.eagerResultTransformer(),
        },
      );
      return result.records.map((r) => r.toObject());
    } catch (error) {
      throw mapNeo4jError(error);
    }
  }

  /** Runs one write query in its own transaction. */
  async write<T extends RecordShape>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.writeTx((tx) => run<T>(tx, cypher, params));
  }

  /** Runs a unit of work in one write transaction (retried by the driver: keep it idempotent). */
  async writeTx<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: neo4j.session.WRITE,
    });
    try {
      return await session.executeWrite(work);
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      await session.close();
    }
  }

  /** Runs a unit of work in one read transaction. */
  async readTx<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: neo4j.session.READ,
    });
    try {
      return await session.executeRead(work);
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      await session.close();
    }
  }

  /** Runs a schema command (not allowed inside a data transaction). */
  async schema(cypher: string): Promise<void> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: neo4j.session.WRITE,
    });
    try {
      await session.run(cypher);
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      await session.close();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.driver.close();
  }
}

/** Runs a query inside a transaction and returns records as plain objects. */
export async function run<T extends RecordShape>(
  tx: Tx,
  cypher: string,
  params: Params = {},
): Promise<T[]> {
  const result = await tx.run<T>(cypher, params);
  return result.records.map((r) => r.toObject());
}
