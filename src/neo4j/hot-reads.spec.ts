import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiTokenRepository } from '../accounts/api-token.repository';
import { CatalogueRepository } from '../catalogue/catalogue.repository';
import { projectRoot } from '../common/project-root';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { Cypher } from './cypher';
import { Neo4jService } from './neo4j.service';

/**
 * The supervisor of the embedded Neo4j (scripts/graph.js) plans the API's hot reads from
 * graph/hot-reads.json before it says Neo4j is back after a restart: the file must hold exactly
 * what the API registers with Neo4jService.keepWarm, text and parameters, or the plans it makes
 * are not the ones requests use.
 */
describe('graph/hot-reads.json', () => {
  it('holds every read the API keeps warm, with the same parameters', () => {
    const registered: { query: string; params: Record<string, unknown> }[] = [];
    const recorder = {
      keepWarm: (query: Cypher, params: Record<string, unknown> = {}) => {
        if (!registered.some((r) => r.query === query.text)) {
          registered.push({ query: query.text, params });
        }
      },
    } as unknown as Neo4jService;
    new CatalogueRepository(recorder);
    new OrganisationRepository(recorder);
    new ApiTokenRepository(recorder);
    const file = JSON.parse(
      readFileSync(join(projectRoot(), 'graph', 'hot-reads.json'), 'utf8'),
    ) as { reads: unknown };
    expect(file.reads).toEqual(registered);
  });
});
