import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/**
 * The modules of src/ and which others each may import (docs/architecture.md): composition on
 * top, then features, then the shared read model, reference data and the foundation. An arrow
 * not listed here fails this test, so a new one is a decision made in review, not by accident.
 */
const ALLOWED: Record<string, string[]> = {
  '.': ['*'],
  cli: ['*'],
  health: ['config', 'neo4j', 'search', 'common'],
  hsds: ['catalogue', 'common', 'directory', 'geography', 'organisations', 'taxonomy'],
  directory: [
    'accounts',
    'audit',
    'catalogue',
    'common',
    'config',
    'geography',
    'neo4j',
    'organisations',
    'taxonomy',
  ],
  flags: ['accounts', 'common', 'neo4j'],
  organisations: ['accounts', 'audit', 'catalogue', 'common', 'neo4j'],
  referral: ['catalogue', 'common', 'config', 'geography', 'neo4j', 'taxonomy'],
  search: ['catalogue', 'common', 'config', 'geography', 'neo4j', 'taxonomy'],
  audit: ['accounts', 'common', 'neo4j'],
  accounts: ['common', 'neo4j'],
  catalogue: ['common', 'geography', 'neo4j', 'taxonomy'],
  geography: ['common', 'neo4j'],
  taxonomy: ['common', 'neo4j'],
  web: ['common'],
  neo4j: ['common', 'config'],
  config: ['common'],
  common: [],
};

const SRC = __dirname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return name === '__snapshots__' ? [] : sources(path);
    }
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The module a file belongs to: its first folder under src/, or '.' for src/ itself. */
function moduleOf(file: string): string {
  const rel = relative(SRC, file);
  return rel.includes('/') ? rel.split('/')[0] : '.';
}

function imports(): { from: string; to: string; file: string; target: string }[] {
  return sources(SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)]
      .map((m) => normalize(join(dirname(file), m[1])))
      .filter((target) => !relative(SRC, target).startsWith('..'))
      .map((target) => ({ from: moduleOf(file), to: moduleOf(target), file, target }))
      .filter(({ from, to }) => from !== to),
  );
}

/** Relative imports between files of the same module (the module rule above leaves them out). */
function sameModuleImports(): { file: string; target: string }[] {
  return sources(SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)]
      .map((m) => ({ file, target: normalize(join(dirname(file), m[1])) }))
      .filter(({ file, target }) => moduleOf(file) === moduleOf(target)),
  );
}

const isIn = (dir: string, file: string): boolean => !relative(dir, file).startsWith('..');

describe('import direction', () => {
  it('knows every module under src/', () => {
    const modules = new Set(sources(SRC).map(moduleOf));
    expect([...modules].filter((m) => !(m in ALLOWED))).toEqual([]);
  });

  it('has no arrow that is not allowed (none back up)', () => {
    const wrong = imports()
      .filter(({ from, to }) => !ALLOWED[from].includes('*') && !ALLOWED[from].includes(to))
      .map(({ from, to, file }) => `${relative(SRC, file)}: ${from} → ${to}`);
    expect(wrong).toEqual([]);
  });

  it('has no module reading another one’s repository, except the shared read model’s', () => {
    const wrong = imports()
      .filter(({ from }) => from !== '.' && from !== 'cli')
      .filter(({ to, target }) => to !== 'catalogue' && target.endsWith('repository'))
      .map(({ file, target }) => `${relative(SRC, file)} → ${relative(SRC, target)}`);
    expect(wrong).toEqual([]);
  });
});

/**
 * Inside search: the port (the files at the top of src/search/ other than the service, resolver
 * and module) is what the engines implement; each adapter folder imports only the port and its
 * own files (not the other adapter, the sync side, the service or the GraphQL types), and the
 * port imports no adapter, so either engine can be replaced without touching the rest.
 */
const SEARCH = join(SRC, 'search');
const ADAPTERS = ['neo4j', 'meilisearch'];
const SEARCH_COMPOSITION = ['search.service.ts', 'search.resolver.ts', 'search.module.ts'];

/** The part of search a file belongs to: an adapter or `sync` folder, 'port' or 'composition'. */
function searchPartOf(file: string): string {
  const rel = relative(SEARCH, file);
  if (rel.includes('/')) {
    return rel.split('/')[0];
  }
  return SEARCH_COMPOSITION.includes(rel) ? 'composition' : 'port';
}

describe('import direction inside search', () => {
  const searchImports = sameModuleImports().filter(({ file }) => isIn(SEARCH, file));

  it('finds the port and both adapters', () => {
    const parts = new Set(sources(SEARCH).map(searchPartOf));
    expect([...parts].sort()).toEqual(
      ['composition', 'dto', 'meilisearch', 'models', 'neo4j', 'port', 'sync'].sort(),
    );
  });

  it('has adapters that import only the port and their own files', () => {
    const wrong = searchImports
      .filter(({ file }) => ADAPTERS.includes(searchPartOf(file)))
      .filter(({ file, target }) => {
        const to = searchPartOf(`${target}.ts`);
        return to !== 'port' && to !== searchPartOf(file);
      })
      .map(({ file, target }) => `${relative(SRC, file)} → ${relative(SRC, target)}`);
    expect(wrong).toEqual([]);
  });

  it('has a port that imports no adapter, sync or composition file', () => {
    const wrong = searchImports
      .filter(({ file }) => searchPartOf(file) === 'port')
      .filter(({ target }) => searchPartOf(`${target}.ts`) !== 'port')
      .map(({ file, target }) => `${relative(SRC, file)} → ${relative(SRC, target)}`);
    expect(wrong).toEqual([]);
  });
});
