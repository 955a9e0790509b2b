import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/**
 * The modules of src/ and which others each may import (README, "Layout"): composition on top,
 * then features, then the shared read model, reference data and the foundation. An arrow not
 * listed here fails this test, so a new one is a decision made in review, not by accident.
 */
const ALLOWED: Record<string, string[]> = {
  '.': ['*'],
  cli: ['*'],
  health: ['config', 'neo4j', 'search', 'common'],
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
