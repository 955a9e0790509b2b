import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { INestApplication } from '@nestjs/common';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { GeographyService } from '../src/geography/geography.service';
import { migrate } from '../src/neo4j/migrations';
import { Neo4jService } from '../src/neo4j/neo4j.service';
import { meilisearch } from '../src/search/meilisearch/meili-client';
import { meiliHttpClient } from '../src/search/meilisearch/meili-http';
import { ensureApiKey } from '../src/search/meilisearch/meili-key';
import { FACET_ATTRIBUTES } from '../src/search/meilisearch/meili-settings';
import { reindexMeilisearch } from '../src/search/sync/meilisearch-reindex';
import { MeilisearchSearchIndex } from '../src/search/meilisearch/meilisearch-search-index';
import { SearchIndex } from '../src/search/search-index';
import { SearchSyncRepository } from '../src/search/sync/search-sync.repository';
import { CatalogueRepository } from '../src/catalogue/catalogue.repository';
import { SearchSourceRepository } from '../src/search/sync/search-source.repository';
import { SearchService } from '../src/search/search.service';
import { SearchServicesArgs } from '../src/search/dto/search-services.args';
import { TaxonomyService } from '../src/taxonomy/taxonomy.service';
import {
  DemoSeed,
  readDemo,
  readMunicipalities,
  seedReference,
  ServiceSeed,
  writeListings,
} from '../seed/loader';
import { throwawayGraphUnlessConfigured } from '../test/support/throwaway-graph';
import { throwawayMeiliUnlessConfigured } from '../test/support/throwaway-meili';
import { NO_FILTER } from '../src/catalogue/service-query';

/**
 * `npm run bench:meili`: `searchServices` on the Meilisearch adapter at BENCH_SERVICES listings
 * (default 10,000) over HTTP, with where the time goes (Meilisearch itself, the version check
 * that lets the documents serve the hits, and what loading the hits from Neo4j costs a query that
 * needs the graph). Starts a throwaway Neo4j and Meilisearch (the server binary beside the project, or
 * MEILI_BIN), unless NEO4J_URI / MEILI_URL are set.
 */

const COUNT = Number(process.env.BENCH_SERVICES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

function synthetic(count: number): DemoSeed {
  const demo = readDemo();
  const municipalities = readMunicipalities();
  const services: ServiceSeed[] = [];
  for (let i = 0; i < count - demo.services.length; i++) {
    const template = demo.services[i % demo.services.length];
    const m = municipalities[i % municipalities.length];
    services.push({
      ...template,
      id: `bench-svc-${i}`,
      name: `${template.name} #${i}`,
      municipalityCode: m.code,
      coverage: template.coverage.national
        ? template.coverage
        : { national: false, regionCodes: [m.regionCode], municipalityCodes: [] },
    });
  }
  return { organisations: demo.organisations, services: [...demo.services, ...services] };
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function timed(name: string, work: () => Promise<unknown>): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS + 10; i++) {
    const t0 = performance.now();
    await work();
    if (i >= 10) {
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  return `${name.padEnd(52)} ${pct(times, 0.5).toFixed(2).padStart(9)} ${pct(times, 0.95).toFixed(2).padStart(9)}`;
}

/** As the page sends it: the text as a variable (a text typed inline is never kept parsed). */
const QUERY = `query($q: String!) { searchServices(query: $q, first: 10) { totalHits hits { score service { name } }
  facets { types { code name count } regions { code name count } targetGroups { code name count }
  needs { code name count } languages { code name count } } } }`;

async function main(): Promise<void> {
  const graph = await throwawayGraphUnlessConfigured({ quickStart: false });
  const meili = await throwawayMeiliUnlessConfigured();
  const url = process.env.MEILI_URL;
  const masterKey = process.env.MEILI_MASTER_KEY;
  if (!url || !masterKey) {
    throw new Error('no Meilisearch: set MEILI_URL and MEILI_MASTER_KEY, or MEILI_BIN');
  }
  const indexUid = process.env.MEILI_INDEX ?? 'bench-services';
  const { key } = await ensureApiKey(url, masterKey, indexUid);
  Object.assign(process.env, {
    SEARCH_ENGINE: 'meilisearch',
    MEILI_INDEX: indexUid,
    MEILI_API_KEY: key,
    LOG_LEVEL: 'error',
  });
  let app: INestApplication | undefined;
  const neo = new Neo4jService(loadConfig());
  try {
    await neo.verify();
    await migrate(neo);
    await seedReference(neo);
    const data = synthetic(COUNT);
    const reuse = process.env.BENCH_REUSE === '1';
    if (!reuse) {
      console.log(`bench: loading ${data.services.length} listings…`);
      await writeListings(neo, data, () => undefined, 500);
    }
    app = await createApp(loadConfig());
    await app.listen(0, '127.0.0.1');
    const endpoint = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
    const index = app.get<SearchIndex, MeilisearchSearchIndex>(SearchIndex);
    if (!reuse) {
      const started = performance.now();
      const report = await reindexMeilisearch({
        index,
        graph: app.get(SearchSourceRepository),
        outbox: app.get(SearchSyncRepository),
        taxonomy: app.get(TaxonomyService),
        geography: app.get(GeographyService),
      });
      console.log(
        `bench: reindex of ${report.documents} listings took ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    // Requests go through node:http (Node's fetch adds ~40 ms to a POST here; see meili-http.ts).
    const post = (query: string) =>
      meiliHttpClient(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { q: 'krisecenter odense' } }),
      }) as Promise<{ errors?: unknown[] }>;
    const request = async () => {
      const json = await post(QUERY);
      if (json.errors) {
        throw new Error(JSON.stringify(json.errors));
      }
    };
    const filter = { ...NO_FILTER };
    const search = (documents = false) =>
      index.search({
        terms: ['krisecenter', 'odense'],
        text: 'krisecenter odense',
        filter,
        offset: 0,
        limit: 10,
        documents,
      });
    const page = await search();
    const hits = page.hits.map((h) => h.id);
    console.log(`bench: "krisecenter odense" finds ${page.total} of them`);
    // What Meilisearch itself reports for the same search (its processing time, no HTTP).
    const processing: number[] = [];
    const { Meilisearch } = meilisearch();
    const raw = new Meilisearch({ host: url, apiKey: key, httpClient: meiliHttpClient }).index(
      indexUid,
    );
    for (let i = 0; i < ROUNDS; i++) {
      const r = await raw.search('krisecenter odense', {
        facets: Object.values(FACET_ATTRIBUTES),
        showRankingScore: true,
        sort: ['name:asc', 'id:asc'],
        attributesToRetrieve: ['id'],
        matchingStrategy: 'all',
        hitsPerPage: 10,
        page: 1,
      });
      processing.push(r.processingTimeMs);
    }
    processing.sort((a, b) => a - b);
    const services = app.get(CatalogueRepository);
    const graph = app.get(SearchSourceRepository);
    const rows = [
      await timed('baseline: { __typename } over HTTP', () => post('{ __typename }')),
      await timed('searchServices "krisecenter odense" + facets (HTTP)', request),
      await timed('  of which: SearchService.searchServices (in-process)', () =>
        app!.get(SearchService).searchServices(
          Object.assign(new SearchServicesArgs(), { query: 'krisecenter odense', first: 10 }),
          // What the HTTP query selects on a hit (served from the documents).
          new Set(['name']),
        ),
      ),
      await timed('  of which: Meilisearch search (adapter, with documents)', () => search(true)),
      await timed('  of which: version check of 10 hits in Neo4j', () => graph.states(hits)),
      await timed('  (a query needing the graph: Meilisearch, ids only)', search),
      await timed('  (a query needing the graph: loading 10 hits)', () => services.findByIds(hits)),
    ];
    console.log(`\n${data.services.length} listings, ${ROUNDS} sequential requests per case\n`);
    console.log(`${'case'.padEnd(52)} ${'median ms'.padStart(9)} ${'p95 ms'.padStart(9)}`);
    rows.forEach((r) => console.log(r));
    console.log(
      `${'  Meilisearch processingTimeMs (its own figure)'.padEnd(52)} ${pct(processing, 0.5).toFixed(2).padStart(9)} ${pct(processing, 0.95).toFixed(2).padStart(9)}`,
    );
  } finally {
    await app?.close();
    await neo.onApplicationShutdown();
    await Promise.all([graph?.stop(), meili?.stop()]);
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
