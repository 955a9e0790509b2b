import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const base = { NEO4J_URI: 'bolt://127.0.0.1:7687', NEO4J_PASSWORD: 'secret-pw' };

  it('applies defaults', () => {
    const cfg = loadConfig(base);
    expect(cfg).toEqual({
      production: false,
      port: 3000,
      host: '127.0.0.1',
      neo4j: {
        uri: 'bolt://127.0.0.1:7687',
        username: 'neo4j',
        password: 'secret-pw',
        database: 'neo4j',
        connectionTimeoutMs: 3000,
        acquisitionTimeoutMs: 5000,
        transactionTimeoutMs: 15000,
        maxPoolSize: 50,
        maxRetryTimeMs: 3000,
      },
      search: {
        engine: 'neo4j',
        meiliUrl: undefined,
        meiliApiKey: undefined,
        meiliMasterKey: undefined,
        meiliIndex: 'services',
      },
      availabilityFreshHours: 24,
      workers: { count: 1, index: 0 },
      listingConfirmDays: 180,
      keepAwayKm: 25,
      logLevel: 'log',
      trustProxy: false,
      corsOrigins: [],
    });
  });

  it('runs one worker per core in production, one in development, WEB_CONCURRENCY if set', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).workers).toEqual({
      count: availableParallelism(),
      index: 0,
    });
    expect(loadConfig(base).workers).toEqual({ count: 1, index: 0 });
    expect(loadConfig({ ...base, WEB_CONCURRENCY: '3' }).workers).toEqual({ count: 3, index: 0 });
    expect(loadConfig({ ...base, NODE_ENV: 'production', WEB_CONCURRENCY: '1' }).workers).toEqual({
      count: 1,
      index: 0,
    });
    expect(loadConfig({ ...base, WEB_CONCURRENCY: '2', HENVIS_WORKER: '2' }).workers).toEqual({
      count: 2,
      index: 2,
    });
  });

  it.each(['0', '65', 'two', '1.5', '-1'])('refuses WEB_CONCURRENCY=%s at start-up', (value) => {
    expect(() => loadConfig({ ...base, WEB_CONCURRENCY: value })).toThrow(
      /invalid configuration:\n {2}WEB_CONCURRENCY: /,
    );
  });

  it('knows production from NODE_ENV', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).production).toBe(true);
    expect(loadConfig({ ...base, NODE_ENV: 'test' }).production).toBe(false);
  });

  it('reads TRUST_PROXY as Express takes it, and refuses anything else', () => {
    const trust = (value: string) => loadConfig({ ...base, TRUST_PROXY: value }).trustProxy;
    expect(trust('false')).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('2')).toBe(2);
    expect(trust('loopback')).toBe('loopback');
    expect(trust('loopback, 10.0.0.0/8, fd00::/8')).toBe('loopback, 10.0.0.0/8, fd00::/8');
    for (const bad of ['yes', 'loopback; rm', '10.0.0.0/8 x', 'http://proxy']) {
      expect(() => loadConfig({ ...base, TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    }
  });

  it('reads LISTING_CONFIRM_DAYS as whole days from 1 to 3650, and refuses anything else', () => {
    expect(loadConfig({ ...base, LISTING_CONFIRM_DAYS: '30' }).listingConfirmDays).toBe(30);
    expect(loadConfig({ ...base, LISTING_CONFIRM_DAYS: '3650' }).listingConfirmDays).toBe(3650);
    for (const bad of ['0', '-5', '3651', '1.5', 'half a year']) {
      expect(() => loadConfig({ ...base, LISTING_CONFIRM_DAYS: bad })).toThrow(
        /LISTING_CONFIRM_DAYS/,
      );
    }
  });

  it('reads KEEP_AWAY_KM as whole km from 0 to 300, and refuses anything else', () => {
    expect(loadConfig({ ...base, KEEP_AWAY_KM: '40' }).keepAwayKm).toBe(40);
    expect(loadConfig({ ...base, KEEP_AWAY_KM: '0' }).keepAwayKm).toBe(0);
    for (const bad of ['-1', '301', '2.5', 'far']) {
      expect(() => loadConfig({ ...base, KEEP_AWAY_KM: bad })).toThrow(/KEEP_AWAY_KM/);
    }
  });

  it('reads CORS_ORIGINS as a comma-separated list of origins', () => {
    expect(
      loadConfig({ ...base, CORS_ORIGINS: 'https://intra.example.dk, http://127.0.0.1:5173' })
        .corsOrigins,
    ).toEqual(['https://intra.example.dk', 'http://127.0.0.1:5173']);
    for (const bad of ['*', 'intra.example.dk', 'https://x.dk/path', 'https://x.dk,,']) {
      expect(() => loadConfig({ ...base, CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS/);
    }
  });

  it('names every missing or bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc', SEARCH_ENGINE: 'solr' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', SEARCH_ENGINE: 'solr' });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('NEO4J_URI');
      expect(msg).toContain('NEO4J_PASSWORD');
      expect(msg).toContain('PORT');
      expect(msg).toContain('SEARCH_ENGINE');
    }
  });

  it('reads the Neo4j timeouts and refuses values out of range', () => {
    const cfg = loadConfig({ ...base, NEO4J_TRANSACTION_TIMEOUT_MS: '2500' });
    expect(cfg.neo4j.transactionTimeoutMs).toBe(2500);
    expect(() => loadConfig({ ...base, NEO4J_ACQUISITION_TIMEOUT_MS: '0' })).toThrow(
      /NEO4J_ACQUISITION_TIMEOUT_MS/,
    );
    expect(() => loadConfig({ ...base, NEO4J_CONNECTION_TIMEOUT_MS: 'soon' })).toThrow(
      /NEO4J_CONNECTION_TIMEOUT_MS/,
    );
  });

  it('requires MEILI_URL when Meilisearch is selected', () => {
    expect(() => loadConfig({ ...base, SEARCH_ENGINE: 'meilisearch' })).toThrow(/MEILI_URL/);
    expect(
      loadConfig({ ...base, SEARCH_ENGINE: 'meilisearch', MEILI_URL: 'http://127.0.0.1:7700' })
        .search.engine,
    ).toBe('meilisearch');
  });
});
