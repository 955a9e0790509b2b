import { AppConfig, loadConfig } from '../../config/app-config';
import { GeographyService } from '../../geography/geography.service';
import { Neo4jService } from '../../neo4j/neo4j.service';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { SearchIndex } from '../search-index';
import { SearchSourceRepository } from './search-source.repository';
import { SearchSyncRepository } from './search-sync.repository';
import { SearchSyncScheduler } from './search-sync.scheduler';

/** A scheduler on Meilisearch whose collaborators only count what it asks of them. */
function scheduler(worker: { count: number; index: number }) {
  const config: AppConfig = {
    ...loadConfig({
      NEO4J_URI: 'bolt://127.0.0.1:7687',
      NEO4J_PASSWORD: 'pw',
      SEARCH_ENGINE: 'meilisearch',
      MEILI_URL: 'http://127.0.0.1:7700',
    }),
    workers: worker,
  };
  // Never ready: the backlog lane tries to prepare the index and stops there.
  const prepare = jest.fn(() => Promise.reject(new Error('down')));
  const idsWithoutSearchText = jest.fn(() => Promise.resolve([]));
  const s = new SearchSyncScheduler(
    config,
    { engine: 'meilisearch', prepare } as unknown as SearchIndex,
    { idsWithoutSearchText } as unknown as SearchSourceRepository,
    {} as SearchSyncRepository,
    {} as Neo4jService,
    {} as TaxonomyService,
    {} as GeographyService,
  );
  return { s, prepare, idsWithoutSearchText };
}

describe('SearchSyncScheduler in a cluster', () => {
  it.each([
    ['one process alone', { count: 1, index: 0 }, true],
    ['worker 1 of 2', { count: 2, index: 1 }, true],
    ['worker 2 of 2', { count: 2, index: 2 }, false],
    ['worker 4 of 4', { count: 4, index: 4 }, false],
  ])('%s: runs the sync and the backfill only where it should', async (_name, worker, runs) => {
    const { s, prepare, idsWithoutSearchText } = scheduler(worker);
    try {
      await s.onApplicationBootstrap();
      expect(s.runsHere).toBe(runs);
      expect(idsWithoutSearchText).toHaveBeenCalledTimes(runs ? 1 : 0);
      expect(prepare).toHaveBeenCalledTimes(runs ? 1 : 0);
    } finally {
      await s.onModuleDestroy();
    }
  });
});
