import { CatalogueSnapshotCache } from '../../src/catalogue/catalogue-snapshot';
import { GeographyService } from '../../src/geography/geography.service';
import { NeoFulltextSearchIndex } from '../../src/search/neo4j/neo-fulltext-search-index';
import { TaxonomyService } from '../../src/taxonomy/taxonomy.service';
import { describeSearchContract } from './search-contract';
import { cypher } from '../../src/neo4j/cypher';

describeSearchContract('neo4j', ({ api, neo }) =>
  Promise.resolve({
    index: new NeoFulltextSearchIndex(
      neo,
      api.app.get(TaxonomyService),
      api.app.get(GeographyService),
      api.app.get(CatalogueSnapshotCache),
    ),
    // searchText is refreshed in the writing transaction: nothing to push.
    sync: () => Promise.resolve(),
    async indexedText(serviceIds: string[]) {
      const rows = await neo.read<{ text: string }>(
        cypher`MATCH (s:Service) WHERE s.id IN $ids RETURN s.name + ' ' + s.searchText AS text`,
        { ids: serviceIds },
      );
      return rows.map((r) => r.text).join('\n');
    },
    close: () => Promise.resolve(),
  }),
);
