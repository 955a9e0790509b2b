import { NeoFulltextSearchIndex } from '../../src/search/neo-fulltext-search-index';
import { describeSearchContract } from './search-contract';

describeSearchContract('neo4j', ({ neo }) =>
  Promise.resolve({
    index: new NeoFulltextSearchIndex(neo),
    // searchText is refreshed in the writing transaction: nothing to push.
    sync: () => Promise.resolve(),
    async indexedText(serviceIds: string[]) {
      const rows = await neo.read<{ text: string }>(
        `MATCH (s:Service) WHERE s.id IN $ids RETURN s.name + ' ' + s.searchText AS text`,
        { ids: serviceIds },
      );
      return rows.map((r) => r.text).join('\n');
    },
    close: () => Promise.resolve(),
  }),
);
