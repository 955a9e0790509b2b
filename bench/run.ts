import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { INestApplication } from '@nestjs/common';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { migrate } from '../src/neo4j/migrations';
import { Neo4jService } from '../src/neo4j/neo4j.service';
import {
  DemoSeed,
  readDemo,
  readMunicipalities,
  seedReference,
  ServiceSeed,
  writeListings,
} from '../seed/loader';
import { throwawayGraphUnlessConfigured } from '../test/support/throwaway-graph';

/**
 * `npm run bench`: measures the main read paths over HTTP against a real Neo4j holding the
 * demonstration listings plus synthetic ones, and prints each against a baseline measured in the
 * same run (a GraphQL request that touches no database), so figures compare across machines.
 */

const SYNTHETIC = Number(process.env.BENCH_SERVICES ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

function synthetic(count: number): DemoSeed {
  const demo = readDemo();
  const municipalities = readMunicipalities();
  const services: ServiceSeed[] = [];
  for (let i = 0; i < count; i++) {
    const template = demo.services[i % demo.services.length];
    const m = municipalities[i % municipalities.length];
    services.push({
      ...template,
      id: `bench-svc-${i}`,
      name: `${template.name} #${i}`,
      municipalityCode: m.code,
      coverage: template.coverage.national
        ? template.coverage
        : { national: false, regions: [m.regionCode], municipalities: [] },
    });
  }
  return { organisations: demo.organisations, services: [...demo.services, ...services] };
}

async function measure(url: string, c: Case): Promise<number[]> {
  const body = JSON.stringify({ query: c.query, variables: c.variables });
  const times: number[] = [];
  for (let i = 0; i < ROUNDS + 10; i++) {
    const t0 = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const json = (await res.json()) as { errors?: unknown[] };
    const dt = performance.now() - t0;
    if (json.errors) {
      throw new Error(`${c.name} failed: ${JSON.stringify(json.errors)}`);
    }
    if (i >= 10) {
      times.push(dt); // the first ten warm caches and the JIT
    }
  }
  return times.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function main(): Promise<void> {
  // Measured with the full JIT, as a long-running server runs.
  const graph = await throwawayGraphUnlessConfigured({ quickStart: false });
  if (!graph && !process.env.BENCH_ALLOW_SHARED) {
    console.log(
      'bench: using NEO4J_URI; synthetic listings (ids bench-svc-*) are written there and removed after',
    );
  }
  let app: INestApplication | undefined;
  const neo = new Neo4jService(loadConfig());
  try {
    await neo.verify();
    await migrate(neo, (l) => console.log(`bench: ${l}`));
    await seedReference(neo);
    const data = synthetic(SYNTHETIC);
    console.log(`bench: loading ${data.services.length} listings…`);
    await writeListings(neo, data, (l) => process.stdout.write(`\r${l}      `), 200);
    process.stdout.write('\n');

    app = await createApp(loadConfig({ ...process.env, LOG_LEVEL: 'error' }));
    await app.listen(0, '127.0.0.1');
    const url = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');

    const cases: Case[] = [
      { name: 'baseline: { __typename }', query: '{ __typename }' },
      {
        name: 'service(id) with nested fields',
        query: `{ service(id: "bench-svc-7") { name type { name } organisation { name } targetGroups { name } needs { name } coverage { regions { name } } } }`,
      },
      {
        name: 'services(first: 20) unfiltered',
        query:
          '{ services(first: 20) { totalCount edges { node { name type { name } organisation { name } } } } }',
      },
      {
        name: 'services: region + group + need filter',
        query: `{ services(first: 20, filter: { regionCode: "1083", targetGroupCodes: ["women"], needCodes: ["safety"] }) { totalCount edges { node { name municipality { name } } } } }`,
      },
      {
        name: 'services: last page (offset 1980)',
        query: `query($after: String) { services(first: 20, after: $after) { totalCount edges { node { id } } } }`,
        variables: { after: Buffer.from('o:1979').toString('base64url') },
      },
    ];
    cases.push({
      name: 'referral: pregnant woman, Odense',
      query: `query($input: ReferralInput!) { referral(input: $input) { options { rank service { name } reasons nextSteps } guidance { code } } }`,
      variables: {
        input: {
          targetGroups: ['pregnant-women'],
          needs: ['emergency-stay', 'pregnancy-care'],
          municipalityCode: '461',
          accompanyingChildren: [3],
        },
      },
    });
    cases.push({
      name: 'searchServices: "krisecenter odense" + facets',
      query: `{ searchServices(query: "krisecenter odense", first: 10) { totalHits hits { score service { name } }
        facets { types { code count } regions { code count } targetGroups { code count } needs { code count } languages { code count } } } }`,
    });
    const rows: { name: string; median: number; p95: number }[] = [];
    for (const c of cases) {
      process.stdout.write(`bench: ${c.name} (${ROUNDS} requests)…`);
      const times = await measure(url, c);
      rows.push({ name: c.name, median: pct(times, 0.5), p95: pct(times, 0.95) });
      process.stdout.write(' done\n');
    }
    const base = rows[0].median;
    console.log(`\n${data.services.length} listings, ${ROUNDS} sequential requests per case\n`);
    console.log(
      `${'case'.padEnd(44)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(9)} ${'× baseline'.padStart(11)}`,
    );
    for (const r of rows) {
      console.log(
        `${r.name.padEnd(44)} ${r.median.toFixed(2).padStart(10)} ${r.p95.toFixed(2).padStart(9)} ${(r.median / base).toFixed(1).padStart(11)}`,
      );
    }
  } finally {
    await app?.close();
    if (!graph) {
      await neo.write('MATCH (s:Service) WHERE s.id STARTS WITH "bench-svc-" DETACH DELETE s');
    }
    await neo.onApplicationShutdown();
    await graph?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
