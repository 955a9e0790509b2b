import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { INestApplication } from '@nestjs/common';
import { CatalogueSnapshotCache } from '../src/catalogue/catalogue-snapshot';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { migrate } from '../src/neo4j/migrations';
import { Neo4jService } from '../src/neo4j/neo4j.service';
import { ReferralInput } from '../src/referral/dto/referral.input';
import { Language } from '../src/referral/models/referral.model';
import { candidateCodes, needsBeyondArea, ReferralCandidates } from '../src/referral/candidates';
import { RankingContext, referralCriteria } from '../src/referral/criteria';
import { Evaluations } from '../src/referral/evaluations';
import { declaredToLoad } from '../src/referral/referral-plan';
import { ReferralService } from '../src/referral/referral.service';
import { renderReferral } from '../src/referral/rendering';
import { selectedIds } from '../src/referral/selection';
import { GeographyService } from '../src/geography/geography.service';
import { TaxonomyService } from '../src/taxonomy/taxonomy.service';
import { seedReference, writeListings } from '../seed/loader';
import { syntheticNetwork } from '../test/support/synthetic-network';

/**
 * `npx ts-node --transpile-only bench/referral-profile.ts`: the bench's referral (10,000 services
 * unless PROFILE_SIZE says otherwise) called in this process, without HTTP, timed and (with
 * PROFILE_OUT=<file>) recorded as a CPU profile, to see what a referral spends its time on.
 * With PROFILE_PHASES=1 it first gives the CPU time of each in-memory phase of the referral (the
 * candidate read over the cached rows, the ranking, the answer's texts), each run on its own
 * (PROFILE_PHASES=ranking: the ranking alone).
 */

interface GraphScripts {
  startThrowawayGraph(opts: {
    quickStart: boolean;
    pageCacheMb: number;
    heapMb: number;
  }): Promise<{ uri: string; username: string; password: string; stop(): Promise<void> }>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scripts = require('../scripts/graph.js') as GraphScripts;

const SIZE = Number(process.env.PROFILE_SIZE ?? 10_000);
const ROUNDS = Number(process.env.PROFILE_ROUNDS ?? 300);

const INPUT = {
  targetGroupCodes: ['pregnant-women'],
  needCodes: ['emergency-stay', 'pregnancy-care'],
  municipalityCode: '461',
  accompanyingChildren: [3],
  limit: 10,
};

function post(session: Session, method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))),
  );
}

async function main(): Promise<void> {
  // PROFILE_NEO4J_URI: a graph already filled by an earlier run with PROFILE_KEEP=1
  const given = process.env.PROFILE_NEO4J_URI;
  const graph = given
    ? { uri: given, username: 'neo4j', password: 'henvis-throwaway-password', stop: async () => {} }
    : await scripts.startThrowawayGraph({ quickStart: false, pageCacheMb: 512, heapMb: 1024 });
  let app: INestApplication | undefined;
  try {
    Object.assign(process.env, {
      NEO4J_URI: graph.uri,
      NEO4J_USERNAME: graph.username,
      NEO4J_PASSWORD: graph.password,
      SEARCH_ENGINE: 'neo4j',
      LOG_LEVEL: 'error',
    });
    const config = loadConfig(process.env);
    if (!given) {
      const neo = new Neo4jService(config);
      await migrate(neo);
      await seedReference(neo);
      await writeListings(
        neo,
        syntheticNetwork({ count: SIZE, seed: 10, prefix: 'bench', now: new Date() }),
        () => undefined,
        500,
      );
      await neo.onApplicationShutdown();
    }
    if (process.env.PROFILE_KEEP) {
      console.log(`graph kept at ${graph.uri} (${graph.username}); stop this process to end it`);
      await new Promise(() => undefined);
    }
    app = await createApp(config);
    await app.init();
    const referrals = app.get(ReferralService);
    const input = Object.assign(new ReferralInput(), INPUT);
    const now = new Date();
    const once = () => referrals.refer(input, Language.DA, now);
    for (let i = 0; i < 100; i++) {
      await once();
    }
    if (process.env.PROFILE_NO_DB) {
      // the ranking alone: the snapshot (rows and services) as now, no round trip
      const cache = app.get(CatalogueSnapshotCache);
      const snapshot = await cache.snapshot();
      cache.snapshot = () => Promise.resolve(snapshot);
      await once();
    }
    if (process.env.PROFILE_HEAP) {
      // what the cached catalogue snapshot holds: heap with it, without it, and with it again
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) {
        throw new Error('PROFILE_HEAP needs node --expose-gc');
      }
      const cache = app.get(CatalogueSnapshotCache);
      const heap = () => {
        gc();
        gc();
        return process.memoryUsage().heapUsed / 1024 / 1024;
      };
      const withIt = heap();
      cache.invalidate();
      const without = heap();
      const size = (await cache.snapshot()).size;
      const again = heap();
      console.log(
        `heap: ${withIt.toFixed(1)} MB with the snapshot, ${without.toFixed(1)} MB without, ${again.toFixed(1)} MB reloaded (${size} services): ${(again - without).toFixed(1)} MB`,
      );
    }
    if (process.env.PROFILE_PHASES) {
      await phases(app, input, now, process.env.PROFILE_PHASES === 'ranking');
    }
    const session = new Session();
    const out = process.env.PROFILE_OUT;
    if (out) {
      session.connect();
      await post(session, 'Profiler.enable');
      await post(session, 'Profiler.start');
    }
    const times: number[] = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      await once();
      times.push(performance.now() - t0);
    }
    const cpu = process.cpuUsage(cpu0);
    if (out) {
      const { profile } = (await post(session, 'Profiler.stop')) as { profile: unknown };
      writeFileSync(out, JSON.stringify(profile));
      session.disconnect();
    }
    times.sort((a, b) => a - b);
    const at = (q: number) =>
      times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
    console.log(
      `referral at ${SIZE}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, cpu/referral ${((cpu.user + cpu.system) / 1000 / ROUNDS).toFixed(2)} ms`,
    );
    console.log(JSON.stringify(await once()).length, 'chars in the answer');
    if (process.env.PROFILE_DUMP) {
      writeFileSync(process.env.PROFILE_DUMP, JSON.stringify(await once()));
    }
  } finally {
    await app?.close();
    await graph.stop();
  }
}

/** CPU ms per run of each in-memory phase of the referral, as ReferralService runs them. */
async function phases(
  app: INestApplication,
  input: ReferralInput,
  now: Date,
  rankingOnly: boolean,
): Promise<void> {
  const tax = await app.get(TaxonomyService).get();
  const geo = await app.get(GeographyService).get();
  const criteria = referralCriteria(input, tax, geo);
  const ctx: RankingContext = {
    taxonomy: tax,
    geography: geo,
    now,
    availabilityFreshHours: 48,
    language: Language.DA,
  };
  const place = criteria.place!;
  const area = {
    regionCode: place.region.code,
    municipalityCodes: geo.municipalitiesIn(place.region.code).map((m) => m.code),
  };
  const codes = candidateCodes(criteria, ctx);
  const read = await app.get(ReferralCandidates).open();
  const inArea = () => read.findInArea(area, codes.targetGroupCodes, codes.needCodes);
  const rows = inArea();
  const rank = () => {
    const evaluations = new Evaluations();
    const beyond = tax.needs.expandForMatch(needsBeyondArea(rows, criteria, ctx, evaluations));
    const declared = declaredToLoad(rows, false, ctx);
    const outside =
      declared.declaredIds.length > 0
        ? read.findBeyondAreaAndDeclared(area, codes.targetGroupCodes, beyond, declared)
        : beyond.length > 0
          ? read.findBeyondArea(area, codes.targetGroupCodes, beyond)
          : [];
    const found = new Set(rows.map((row) => row.id));
    const candidates = [...rows, ...outside.filter((row) => !found.has(row.id))];
    return evaluations.select(candidates, criteria, ctx);
  };
  const time = (name: string, phase: () => unknown, rounds = 2000): void => {
    for (let i = 0; i < 300; i++) {
      phase();
    }
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < rounds; i++) {
      phase();
    }
    const cpu = process.cpuUsage(cpu0);
    console.log(`${name}: ${((cpu.user + cpu.system) / 1000 / rounds).toFixed(3)} ms CPU per run`);
  };
  console.log(`${rows.length} candidates in the area`);
  time('ranking (needs beyond the area, declared, selection)', rank);
  if (rankingOnly) {
    return;
  }
  const selection = rank();
  const snapshot = await app.get(CatalogueSnapshotCache).snapshot();
  const services = snapshot.servicesByIds(selectedIds(selection));
  const loaded = new Map(services.map((s) => [s.id, s]));
  time('candidates in the area (cached rows)', inArea);
  time('answer texts (render)', () => renderReferral(selection, loaded, criteria, ctx));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
