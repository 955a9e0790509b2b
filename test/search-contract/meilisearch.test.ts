import { randomBytes } from 'node:crypto';
import { GeographyService } from '../../src/geography/geography.service';
import { MeilisearchSearchIndex } from '../../src/search/meilisearch/meilisearch-search-index';
import { meilisearch } from '../../src/search/meilisearch/meili-client';
import { ensureApiKey } from '../../src/search/meilisearch/meili-key';
import { toSearchDocument } from '../../src/search/search-document';
import { SearchSourceRepository } from '../../src/search/sync/search-source.repository';
import { TaxonomyService } from '../../src/taxonomy/taxonomy.service';
import { withMeili } from '../support/throwaway-meili';
import { describeSearchContract } from './search-contract';

// Against the real server the test support starts (or MEILI_URL): never a fake.
withMeili('search contract: meilisearch', ({ url, masterKey }) => {
  describeSearchContract('meilisearch', async ({ api }) => {
    const indexUid = `henvis-test-${randomBytes(4).toString('hex')}`;
    // The adapter works with the scoped key `npm run search:setup` creates, as the API does.
    const { key, uid } = await ensureApiKey(url, masterKey, indexUid);
    const taxonomy = api.app.get(TaxonomyService);
    const geography = api.app.get(GeographyService);
    const graph = api.app.get(SearchSourceRepository);
    const index = new MeilisearchSearchIndex({ url, apiKey: key, indexUid }, taxonomy, geography);
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
        const admin = new Meilisearch({ host: url, apiKey: masterKey });
        await admin.deleteIndex(indexUid).waitTask();
        await admin.deleteKey(uid);
      },
    };
  });
});
