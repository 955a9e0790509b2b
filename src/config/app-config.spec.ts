import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const base = { NEO4J_URI: 'bolt://127.0.0.1:7687', NEO4J_PASSWORD: 'secret-pw' };

  it('applies defaults', () => {
    const cfg = loadConfig(base);
    expect(cfg).toEqual({
      port: 3000,
      host: '127.0.0.1',
      neo4j: {
        uri: 'bolt://127.0.0.1:7687',
        username: 'neo4j',
        password: 'secret-pw',
        database: 'neo4j',
      },
      search: { engine: 'neo4j', meiliUrl: undefined, meiliKey: undefined, meiliIndex: 'services' },
      availabilityFreshHours: 24,
      logLevel: 'log',
      corsOrigins: [],
    });
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

  it('requires MEILI_URL when Meilisearch is selected', () => {
    expect(() => loadConfig({ ...base, SEARCH_ENGINE: 'meilisearch' })).toThrow(/MEILI_URL/);
    expect(
      loadConfig({ ...base, SEARCH_ENGINE: 'meilisearch', MEILI_URL: 'http://127.0.0.1:7700' })
        .search.engine,
    ).toBe('meilisearch');
  });
});
