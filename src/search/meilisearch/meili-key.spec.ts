import { API_KEY_ACTIONS, apiKeyOf, MeiliKeyError } from './meili-key';

describe('apiKeyOf', () => {
  const search = { engine: 'meilisearch' as const, meiliUrl: 'http://m', meiliIndex: 'services' };

  it('uses MEILI_API_KEY whenever it is set', () => {
    const both = { ...search, meiliApiKey: 'scoped', meiliMasterKey: 'master' };
    expect(apiKeyOf(both, true)).toEqual({ key: 'scoped' });
    expect(apiKeyOf(both, false)).toEqual({ key: 'scoped' });
  });

  it('refuses the master key (or no key) in production', () => {
    expect(() => apiKeyOf({ ...search, meiliMasterKey: 'master' }, true)).toThrow(MeiliKeyError);
    expect(() => apiKeyOf(search, true)).toThrow(/MEILI_API_KEY is required/);
  });

  it('falls back to the master key in development, with a warning', () => {
    const chosen = apiKeyOf({ ...search, meiliMasterKey: 'master' }, false);
    expect(chosen.key).toBe('master');
    expect(chosen.warning).toMatch(/npm run search:setup/);
    expect(apiKeyOf(search, false)).toEqual({ key: undefined });
  });

  it('gives the API no administrative action', () => {
    expect(API_KEY_ACTIONS).not.toContain('*');
    expect(
      API_KEY_ACTIONS.filter((a) => /^(keys|dumps|snapshots|indexes\.delete)/.test(a)),
    ).toEqual([]);
  });
});
