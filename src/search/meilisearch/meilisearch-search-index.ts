import { Logger } from '@nestjs/common';
import type {
  EnqueuedTask,
  Index,
  Meilisearch,
  SearchParams,
  Task,
} from 'meilisearch/dist/index.js';
import { AppError, ErrorCode } from '../../common/app-error';
import { SearchEngine } from '../../config/app-config';
import { GeographyService } from '../../geography/geography.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { meilisearch } from './meili-client';
import { meiliHttpClient } from './meili-http';
import { meiliFilter, quote } from './meili-filter';
import { FACET_ATTRIBUTES, meiliSettings } from './meili-settings';
import { HIT_DOCUMENT_ATTRIBUTES, HitDocument } from '../hit-document';
import { SearchDocument } from '../search-document';
import { errorName } from '../error-name';
import { emptyFacets, FacetCounts, SearchIndex, SearchPage, SearchRequest } from '../search-index';

export interface MeilisearchOptions {
  url: string;
  apiKey?: string;
  indexUid: string;
  /** Per HTTP request; a search fails fast (UNAVAILABLE) when the engine does not answer. */
  requestTimeoutMs?: number;
  /** How long a push waits for Meilisearch to apply it. */
  taskTimeoutMs?: number;
}

/** A task Meilisearch accepted but could not apply (only its error code is kept). */
export class MeilisearchTaskFailed extends Error {
  constructor(readonly code: string) {
    super(`Meilisearch task failed (${code})`);
    this.name = 'MeilisearchTaskFailed';
  }
}

function assertSucceeded(task: Task, tolerated: string[] = []): void {
  if (task.status === 'succeeded') {
    return;
  }
  const code = task.error?.code ?? task.status;
  if (!tolerated.includes(code)) {
    throw new MeilisearchTaskFailed(code);
  }
}

/** The error code of a Meilisearch API error (in `cause`, where the client wraps it). */
export function apiErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  if ('code' in error && typeof error.code === 'string') {
    return error.code;
  }
  if (!('cause' in error)) {
    return undefined;
  }
  const cause = error.cause;
  return typeof cause === 'object' &&
    cause !== null &&
    'code' in cause &&
    typeof cause.code === 'string'
    ? cause.code
    : undefined;
}

const UNAVAILABLE = 'Search is temporarily unavailable; try again shortly.';

type Hit = HitDocument & { _rankingScore?: number };

/**
 * The production adapter (official `meilisearch` client). Documents come from the sync worker;
 * settings are applied by `prepare` (on start, and again until it succeeds). A search that
 * cannot reach Meilisearch fails with UNAVAILABLE; reads and writes elsewhere are unaffected.
 */
export class MeilisearchSearchIndex extends SearchIndex {
  readonly engine: SearchEngine = 'meilisearch';
  private readonly logger = new Logger('Meilisearch');
  private readonly client: Meilisearch;

  constructor(
    private readonly options: MeilisearchOptions,
    private readonly taxonomy: TaxonomyService,
    private readonly geography: GeographyService,
  ) {
    super();
    const { Meilisearch: Client } = meilisearch();
    this.client = new Client({
      host: options.url,
      apiKey: options.apiKey,
      // Node's fetch adds ~40 ms to every search here (see meiliHttpClient).
      httpClient: meiliHttpClient,
      timeout: options.requestTimeoutMs ?? 5_000,
    });
  }

  /**
   * Waits until Meilisearch has processed the task, polling every 20 ms (an edit is searchable as
   * soon as it is applied). Each poll is a request of its own (the client's `waitTask` shares one
   * abort signal between its polls and leaves a listener on it for each).
   */
  private async applied(enqueued: EnqueuedTask): Promise<Task> {
    const deadline = Date.now() + (this.options.taskTimeoutMs ?? 60_000);
    for (;;) {
      const task = await this.client.tasks.getTask(enqueued.taskUid);
      if (task.status !== 'enqueued' && task.status !== 'processing') {
        return task;
      }
      if (Date.now() > deadline) {
        throw new MeilisearchTaskFailed('task_timeout');
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private index(): Index<SearchDocument> {
    return this.client.index<SearchDocument>(this.options.indexUid);
  }

  async ping(): Promise<void> {
    await this.client.health();
  }

  /** Creates the index (primary key `id`) if needed and applies the settings. */
  async prepare(): Promise<void> {
    const exists = await this.index()
      .getRawInfo()
      .then(() => true)
      .catch((error: unknown) => {
        if (apiErrorCode(error) === 'index_not_found') {
          return false;
        }
        throw error;
      });
    if (!exists) {
      const created = await this.client
        .createIndex(this.options.indexUid, { primaryKey: 'id' })
        .then((t) => this.applied(t));
      assertSucceeded(created, ['index_already_exists']);
    }
    const [taxonomy, geography] = await Promise.all([this.taxonomy.get(), this.geography.get()]);
    assertSucceeded(
      await this.applied(await this.index().updateSettings(meiliSettings(taxonomy, geography))),
    );
  }

  /**
   * All words must match; if that finds nothing and there are several, Meilisearch drops words
   * from the end until something matches. Equal relevance is ordered by name, then id.
   */
  async search(request: SearchRequest): Promise<SearchPage> {
    try {
      const first = await this.query(request, 'all');
      if (first.total > 0 || request.terms.length < 2) {
        return first;
      }
      return await this.query(request, 'last');
    } catch (error) {
      this.logger.warn(`search failed: ${errorName(error)}`);
      throw new AppError(ErrorCode.UNAVAILABLE, UNAVAILABLE);
    }
  }

  private async query(request: SearchRequest, strategy: 'all' | 'last'): Promise<SearchPage> {
    const { offset, limit } = request;
    // Page mode gives an exact total; an offset that is not a page boundary reads from the start.
    const aligned = offset % limit === 0;
    const params: SearchParams & { hitsPerPage: number; page: number } = {
      filter: meiliFilter(request.filter),
      facets: Object.values(FACET_ATTRIBUTES),
      showRankingScore: true,
      sort: ['name:asc', 'id:asc'],
      attributesToRetrieve: request.documents ? [...HIT_DOCUMENT_ATTRIBUTES] : ['id'],
      matchingStrategy: strategy,
      hitsPerPage: aligned ? limit : offset + limit,
      page: aligned ? offset / limit + 1 : 1,
    };
    const response = await this.index().search<Hit, typeof params>(request.text, params);
    const hits = (aligned ? response.hits : response.hits.slice(offset)).map(
      ({ _rankingScore, ...document }) => ({
        id: document.id,
        score: _rankingScore ?? 0,
        ...(request.documents ? { document } : {}),
      }),
    );
    return { hits, total: response.totalHits, facets: toFacets(response.facetDistribution) };
  }

  async versions(ids: string[]): Promise<Map<string, number>> {
    const result = await this.index().getDocuments<Pick<SearchDocument, 'id' | 'version'>>({
      filter: `id IN [${ids.map(quote).join(', ')}]`,
      fields: ['id', 'version'],
      limit: ids.length,
    });
    return new Map(result.results.map((d) => [d.id, d.version]));
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    assertSucceeded(
      await this.applied(await this.index().addDocuments(documents, { primaryKey: 'id' })),
    );
  }

  async remove(ids: string[]): Promise<void> {
    assertSucceeded(await this.applied(await this.index().deleteDocuments(ids)));
  }

  /** Every document id the index holds (for reindexing: removes what the graph no longer has). */
  async allIds(batch = 1000): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; ; offset += batch) {
      const page = await this.index().getDocuments<Pick<SearchDocument, 'id'>>({
        fields: ['id'],
        limit: batch,
        offset,
      });
      ids.push(...page.results.map((d) => d.id));
      if (page.results.length < batch) {
        return ids;
      }
    }
  }

  /** Documents as stored (for tests that check nothing confidential was indexed). */
  async documents(ids: string[]): Promise<Record<string, unknown>[]> {
    const result = await this.index().getDocuments<Record<string, unknown>>({
      filter: `id IN [${ids.map(quote).join(', ')}]`,
      limit: Math.max(ids.length, 1),
    });
    return result.results;
  }
}

function toFacets(distribution: Record<string, Record<string, number>> | undefined): FacetCounts {
  const facets = emptyFacets();
  if (!distribution) {
    return facets;
  }
  for (const [facet, attribute] of Object.entries(FACET_ATTRIBUTES) as [
    keyof FacetCounts,
    string,
  ][]) {
    facets[facet] = Object.entries(distribution[attribute] ?? {}).map(([code, count]) => ({
      code,
      count,
    }));
  }
  return facets;
}
