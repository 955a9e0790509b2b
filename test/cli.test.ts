import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readDemo } from '../seed/loader';
import { Neo4jService } from '../src/neo4j/neo4j.service';
import { loadConfig } from '../src/config/app-config';
import { cypher } from '../src/neo4j/cypher';

/**
 * The command-line tools as `npm run` runs them (ts-node, transpile only), against the test
 * Neo4j: each runs on a Nest application context, prints what it did and exits 0, or prints one
 * line saying what is wrong and exits 1.
 */
const cli = (script: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) => {
  const base = { ...process.env, SEARCH_ENGINE: '', DEBUG: '' };
  return spawnSync(
    process.execPath,
    [
      require.resolve('ts-node/dist/bin.js'),
      '--transpile-only',
      join('src', 'cli', `${script}.ts`),
      ...args,
    ],
    { cwd: join(__dirname, '..'), env: { ...base, ...env }, encoding: 'utf8', timeout: 120_000 },
  );
};

const lines = (text: string): string[] => text.split('\n').filter((l) => l.length > 0);

describe('npm run graph:migrate', () => {
  it('applies nothing on a migrated database and says so, nothing else', () => {
    const res = cli('migrate');
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe('migrate: up to date\n');
    expect(res.status).toBe(0);
  });
});

describe('npm run seed', () => {
  const demo = readDemo();
  afterAll(async () => {
    const neo = new Neo4jService(loadConfig());
    try {
      await neo.write(
        cypher`UNWIND $ids AS id MATCH (n) WHERE (n:Service OR n:Organisation) AND n.id = id DETACH DELETE n`,
        { ids: [...demo.services.map((s) => s.id), ...demo.organisations.map((o) => o.id)] },
      );
    } finally {
      await neo.onApplicationShutdown();
    }
  });

  it('loads the reference and the demonstration listings, with progress', () => {
    const res = cli('seed');
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const out = lines(res.stdout);
    expect(out[out.length - 1]).toBe(
      `seed: done (${demo.services.length} new demonstration services)`,
    );
    expect(out.length).toBeGreaterThan(2);
  });

  it('search:reindex then recomputes the Neo4j engine’s search text, with progress', () => {
    const res = cli('search-reindex');
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const out = lines(res.stdout);
    expect(out[out.length - 2]).toMatch(/^search:reindex \(neo4j\) \[#{30}\] 100% (\d+)\/\1$/);
    expect(out[out.length - 1]).toBe('search:reindex: done');
  });

  it('with --if-empty leaves present listings alone', () => {
    const res = cli('seed', ['--if-empty']);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(lines(res.stdout)).toContain(
      'seed: listings already present, demonstration data not loaded',
    );
  });
});

describe('search:setup', () => {
  it('says which settings are missing, in one line', () => {
    const res = cli('search-setup', [], { MEILI_URL: 'http://127.0.0.1:1', MEILI_MASTER_KEY: '' });
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe(
      'henvis search:setup: set MEILI_URL and MEILI_MASTER_KEY (the master key creates the API key)\n',
    );
    expect(res.status).toBe(1);
  });

  (process.env.MEILI_URL ? it : it.skip)('prints the scoped API key for Meilisearch', () => {
    const res = cli('search-setup');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^MEILI_API_KEY=\S+\n$/);
    expect(res.stderr).toContain('the API key for index');
  });
});

describe('a bad configuration', () => {
  it.each(['migrate', 'seed', 'search-reindex', 'admin-token'])(
    '%s: one line naming the variable, exit 1, nothing done',
    (script) => {
      const res = cli(script, script === 'admin-token' ? ['--name', 'x'] : [], {
        NEO4J_URI: 'http://127.0.0.1:7687',
        NEO4J_MAX_POOL_SIZE: 'many',
      });
      const name = script === 'migrate' ? 'migrate' : script.replace('-', ':');
      expect(res.stdout).toBe('');
      expect(res.stderr).toBe(
        `henvis ${name}: invalid configuration: NEO4J_URI: NEO4J_URI must be a bolt:// or neo4j:// URI; NEO4J_MAX_POOL_SIZE: NEO4J_MAX_POOL_SIZE must not be greater than 1000; NEO4J_MAX_POOL_SIZE must not be less than 1; NEO4J_MAX_POOL_SIZE must be an integer number\n`,
      );
      expect(res.status).toBe(1);
    },
  );
});

describe('Neo4j out of reach', () => {
  it('says where it looked and how to start it, in one line after waiting', () => {
    const res = cli('migrate', [], { NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'x' });
    expect(res.stdout).toBe('Neo4jService: waiting for Neo4j…\n');
    expect(res.stderr).toBe(
      'henvis migrate: cannot reach Neo4j at bolt://127.0.0.1:1: is `npm start` or `npm run graph:start` running (or NEO4J_URI set)?\n',
    );
    expect(res.status).toBe(1);
  }, 120_000);
});
