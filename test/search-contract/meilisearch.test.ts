import { randomBytes } from 'node:crypto';
import { GeographyService } from '../../src/geography/geography.service';
import { MeilisearchSearchIndex } from '../../src/search/meilisearch-search-index';
import { meilisearch } from '../../src/search/meili-client';
import { toSearchDocument } from '../../src/search/search-document';
import { SearchRepository } from '../../src/search/search.repository';
import { TaxonomyService } from '../../src/taxonomy/taxonomy.service';
import { describeSearchContract } from './search-contract';

const MEILI_URL = process.env.MEILI_URL;

if (!MEILI_URL) {
  // No Meilisearch server here: the contract is not run against a fake (that would test nothing).
  console.log('search contract: meilisearch SKIPPED (set MEILI_URL to a Meilisearch server)');
  describe.skip('search contract: meilisearch (skipped: MEILI_URL is not set)', () => {
    it('runs only against a real Meilisearch server', () => undefined);
  });
} else {
  describeSearchContract('meilisearch', async ({ api }) => {
    const indexUid = `henvis-test-${randomBytes(4).toString('hex')}`;
    const apiKey = process.env.MEILI_MASTER_KEY;
    const taxonomy = api.app.get(TaxonomyService);
    const geography = api.app.get(GeographyService);
    const graph = api.app.get(SearchRepository);
    const index = new MeilisearchSearchIndex(
      { url: MEILI_URL, apiKey, indexUid },
      taxonomy,
      geography,
    );
    await index.prepare();
    return {
      index,
      async sync(serviceIds: string[]) {
        const [rows, tax, geo] = await Promise.all([
          graph.loadSources(serviceIds),
          taxonomy.get(),
          geography.get(),
        ]);
        await index.upsert(
          rows.flatMap((r) => (r.source ? [toSearchDocument(r.source, tax, geo)] : [])),
        );
      },
      async indexedText(serviceIds: string[]) {
        return JSON.stringify(await index.documents(serviceIds));
      },
      async close() {
        const { Meilisearch } = meilisearch();
        await new Meilisearch({ host: MEILI_URL, apiKey }).deleteIndex(indexUid).waitTask();
      },
    };
  });
}
