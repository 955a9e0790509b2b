import { Injectable } from '@nestjs/common';
import { SearchEngine } from '../config/app-config';
import { Neo4jService } from '../neo4j/neo4j.service';
import { SearchIndex } from '../search/search-index';

/** How long a readiness check may take in all: a probe gets its answer within a second. */
export const READY_BUDGET_MS = 800;

export type ComponentStatus = 'up' | 'down';

export interface Readiness {
  /** `ok`: all up; `degraded`: only search is out (listings and referral work); `unavailable`. */
  status: 'ok' | 'degraded' | 'unavailable';
  components: {
    neo4j: ComponentStatus;
    search: ComponentStatus;
  };
  searchEngine: SearchEngine;
}

/**
 * Resolves `up` when `check` succeeds within `budgetMs`, `down` when it fails or is still
 * running then (the check itself is left to finish or fail on its own).
 */
export function within(check: () => Promise<unknown>, budgetMs: number): Promise<ComponentStatus> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('down'), budgetMs);
    let started: Promise<unknown>;
    try {
      started = check();
    } catch {
      started = Promise.reject(new Error('check failed'));
    }
    started.then(
      () => {
        clearTimeout(timer);
        resolve('up');
      },
      () => {
        clearTimeout(timer);
        resolve('down');
      },
    );
  });
}

/**
 * Readiness of the dependencies, answered within READY_BUDGET_MS whatever state they are in.
 * Concurrent probes share one check, so a flood of probes during an outage does not pile up
 * connection attempts.
 */
@Injectable()
export class HealthService {
  private pending: Promise<Readiness> | undefined;

  constructor(
    private readonly neo: Neo4jService,
    private readonly search: SearchIndex,
  ) {}

  readiness(): Promise<Readiness> {
    if (!this.pending) {
      this.pending = this.check().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  private async check(): Promise<Readiness> {
    const engine = this.search.engine;
    const [neo4j, searchEngine] = await Promise.all([
      within(() => this.neo.ping(), READY_BUDGET_MS),
      engine === 'neo4j'
        ? Promise.resolve<ComponentStatus | undefined>(undefined)
        : within(() => this.search.ping(), READY_BUDGET_MS),
    ]);
    // The default search engine is Neo4j's own full-text index: up exactly when Neo4j is.
    const search = searchEngine ?? neo4j;
    const status = neo4j === 'down' ? 'unavailable' : search === 'down' ? 'degraded' : 'ok';
    return { status, components: { neo4j, search }, searchEngine: engine };
  }
}
