import { SearchEngine } from '../config/app-config';
import { Service } from '../catalogue/models/service.model';
import { ServiceQuery } from '../catalogue/service-query';
import { HitDocument } from './hit-document';
import { SearchDocument } from './search-document';

/** A search as the port receives it: words already checked, filter already resolved. */
export interface SearchRequest {
  /** The search words (see `searchTerms`), never empty. */
  terms: string[];
  /** The raw query text, for engines that tokenise themselves. */
  text: string;
  /** The filter as CatalogueService.resolveFilter returns it (codes expanded). */
  filter: ServiceQuery;
  offset: number;
  limit: number;
  /**
   * Return each hit's public fields as the index holds them (`SearchHitRef.document`), where the
   * adapter keeps them (Meilisearch); SearchService serves a hit from them after a version check.
   */
  documents?: boolean;
}

export interface FacetCount {
  code: string;
  count: number;
}

export interface FacetCounts {
  types: FacetCount[];
  regions: FacetCount[];
  targetGroups: FacetCount[];
  needs: FacetCount[];
  languages: FacetCount[];
}

export interface SearchHitRef {
  id: string;
  score: number;
  /**
   * The service as the public sees it, when the adapter has it at the version it found (the Neo4j
   * adapter takes it from the catalogue snapshot); otherwise SearchService reads it by id.
   */
  service?: Service;
  /** The hit's public fields as the index holds them (when asked for, see `documents`). */
  document?: HitDocument;
}

/** One page of ranked hits, with the total and facet counts over the whole filtered result. */
export interface SearchPage {
  hits: SearchHitRef[];
  total: number;
  facets: FacetCounts;
}

/** Where the sync worker pushes the current state of services. */
export interface SearchSyncTarget {
  /** The versions of the documents the index holds now, by service id (absent: none held). */
  versions(ids: string[]): Promise<Map<string, number>>;
  /** Adds or replaces documents; resolves once the index has applied them. */
  upsert(documents: SearchDocument[]): Promise<void>;
  /** Removes documents (archived or deleted services); resolves once applied. */
  remove(ids: string[]): Promise<void>;
}

/**
 * The search port. Adapters: `NeoFulltextSearchIndex` (Neo4j full-text index, the default, kept
 * current in the writing transaction) and `MeilisearchSearchIndex` (kept current through the
 * outbox). Also the injection token.
 */
export abstract class SearchIndex implements SearchSyncTarget {
  abstract readonly engine: SearchEngine;

  /** Makes the index ready (settings); idempotent, safe to call again after a failure. */
  abstract prepare(): Promise<void>;

  /** Resolves when the engine answers (readiness checks); rejects when it does not. */
  abstract ping(): Promise<void>;

  /** Ranked hits (score desc, then name, then id) with the total and facets. */
  abstract search(request: SearchRequest): Promise<SearchPage>;

  abstract versions(ids: string[]): Promise<Map<string, number>>;
  abstract upsert(documents: SearchDocument[]): Promise<void>;
  abstract remove(ids: string[]): Promise<void>;
}

export function emptyFacets(): FacetCounts {
  return { types: [], regions: [], targetGroups: [], needs: [], languages: [] };
}
