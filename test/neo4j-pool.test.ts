import { GqlResponse, startApi, TestApi } from './support/api';
import { setEnv } from './support/env';

/**
 * A request that finds every pooled connection busy for NEO4J_ACQUISITION_TIMEOUT_MS gets the
 * typed UNAVAILABLE (neo4j-driver rejects it with code `N/A`, which would otherwise surface as
 * INTERNAL_SERVER_ERROR). A pool of one connection and a short wait make it happen on purpose.
 */
const env: Record<string, string> = {
  NEO4J_MAX_POOL_SIZE: '1',
  NEO4J_ACQUISITION_TIMEOUT_MS: '300',
  // No search worker polling the database in the background for the one connection.
  SEARCH_ENGINE: 'neo4j',
};
let restoreEnv: () => void;
let api: TestApi;

beforeAll(async () => {
  restoreEnv = setEnv(env);
  api = await startApi();
});

afterAll(async () => {
  await api?.close();
  restoreEnv();
});

// Reads the database on every request (no cache in front of it).
const PROBE = '{ organisation(id: "pool-probe-unknown") { id } }';
const outcome = (res: GqlResponse<unknown>): string =>
  res.errors ? res.errors[0].extensions.code : JSON.stringify(res.data);
const SERVED = JSON.stringify({ organisation: null });

it('answers UNAVAILABLE while the only connection is busy, and serves again once it is free', async () => {
  // A slow request of our own: a read transaction that holds the pool's one connection.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let holding!: () => void;
  const held = new Promise<void>((resolve) => (holding = resolve));
  const holder = api.neo.readTx(async (tx) => {
    await tx.run('RETURN 1');
    holding();
    await released;
  });
  try {
    await held;
    const answers = await Promise.all(Array.from({ length: 4 }, () => api.gql(PROBE)));
    expect(answers.map(outcome)).toEqual(Array(4).fill('UNAVAILABLE'));
    expect(answers[0].errors?.[0].message).toBe('The database is busy; try again shortly.');
    expect(JSON.stringify(answers)).not.toMatch(/acquisition|Pool status|conn count/);
  } finally {
    release();
    await holder;
  }
  // Not an outage: the next request is served at once.
  expect(outcome(await api.gql(PROBE))).toBe(SERVED);
});

it('gives every one of a burst of concurrent requests its data or UNAVAILABLE, never an internal error', async () => {
  const answers = await Promise.all(Array.from({ length: 30 }, () => api.gql(PROBE)));
  const outcomes = new Set(answers.map(outcome));
  for (const seen of outcomes) {
    expect([SERVED, 'UNAVAILABLE']).toContain(seen);
  }
  expect(outcome(await api.gql(PROBE))).toBe(SERVED);
});
