import { Injectable } from '@nestjs/common';
import { SERVICE_PROJECTION, ServiceRow, toService } from '../../catalogue/service-row';
import { Neo4jService } from '../../neo4j/neo4j.service';
import { DocumentSource } from '../search-document';
import { cypher } from '../../neo4j/cypher';

/** The current state of one service id, as the sync worker needs it. */
export interface ServiceState {
  id: string;
  /** Exists and is not archived. */
  live: boolean;
  version: number | null;
}

export interface SourceRow extends ServiceState {
  source: DocumentSource | null;
}

const LOAD_SOURCES = cypher`
UNWIND $ids AS id
OPTIONAL MATCH (s:Service {id: id})
WITH id, s, s IS NOT NULL AND NOT coalesce(s.archived, false) AS live
RETURN id, live, s.version AS version,
  CASE WHEN live THEN ${SERVICE_PROJECTION} ELSE null END AS service,
  CASE WHEN live THEN head([(o:Organisation)-[:OPERATES]->(s) | o.name]) ELSE null END AS organisationName,
  CASE WHEN live THEN s.searchText ELSE null END AS searchText`;

const STATES = cypher`
UNWIND $ids AS id
OPTIONAL MATCH (s:Service {id: id})
RETURN id, s IS NOT NULL AND NOT coalesce(s.archived, false) AS live, s.version AS version`;

const SERVICE_IDS_AFTER = cypher`
MATCH (s:Service)
WHERE s.id > $after
RETURN s.id AS id ORDER BY s.id LIMIT toInteger($limit)`;

const COUNT_SERVICES = cypher`MATCH (s:Service) RETURN count(s) AS n`;

const IDS_WITHOUT_SEARCH_TEXT = cypher`
MATCH (s:Service)
WHERE s.searchText IS NULL
RETURN s.id AS id LIMIT toInteger($limit)`;

interface LoadRow {
  id: string;
  live: boolean;
  version: number | null;
  service: ServiceRow | null;
  organisationName: string | null;
  searchText: string | null;
}

/**
 * The graph as search is fed from it: each service's current public state, from which the sync
 * worker and the reindex build documents, and whether it is live at a version (the worker's check
 * after a push, and SearchService's before it serves a hit from a document).
 */
@Injectable()
export class SearchSourceRepository {
  constructor(private readonly neo: Neo4jService) {}

  /** The current public state of each id, to build its search document (null if not live). */
  async loadSources(ids: readonly string[]): Promise<SourceRow[]> {
    const rows = await this.neo.read<LoadRow>(LOAD_SOURCES, { ids: [...ids] });
    return rows.map((r) => ({
      id: r.id,
      live: r.live,
      version: r.version,
      source: r.service
        ? {
            service: toService(r.service),
            organisationName: r.organisationName,
            searchText: r.searchText,
          }
        : null,
    }));
  }

  /** Whether each id is live and its version, now. */
  async states(ids: readonly string[]): Promise<Map<string, ServiceState>> {
    const rows = await this.neo.read<ServiceState>(STATES, { ids: [...ids] });
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Service ids (archived included) in id order after `after`, for reindexing in batches. */
  async serviceIdsAfter(after: string, limit: number): Promise<string[]> {
    const rows = await this.neo.read<{ id: string }>(SERVICE_IDS_AFTER, { after, limit });
    return rows.map((r) => r.id);
  }

  async countServices(): Promise<number> {
    const [row] = await this.neo.read<{ n: number }>(COUNT_SERVICES);
    return row?.n ?? 0;
  }

  /** Services with no searchText (written straight into the graph, not through the API or seed). */
  async idsWithoutSearchText(limit: number): Promise<string[]> {
    const rows = await this.neo.read<{ id: string }>(IDS_WITHOUT_SEARCH_TEXT, { limit });
    return rows.map((r) => r.id);
  }
}
