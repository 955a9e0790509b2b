import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../common/project-root';

/**
 * Every Cypher query the code runs, read from the source: snapshotted so a reviewer sees each
 * query change in the diff (`__snapshots__/queries.spec.ts.snap`; update with `jest -u`), and
 * checked for string-building: a query may embed only other constants, never a value.
 */
const ROOT = projectRoot();
const CYPHER = /\b(MATCH|MERGE|CREATE|UNWIND|RETURN|CALL|DETACH DELETE)\b/;
const CONSTANT_QUERY = /const ([A-Z][A-Z0-9_]*)\s*=\s*`([\s\S]*?)`;/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(path);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

interface Query {
  file: string;
  name: string;
  text: string;
}

const constants: Query[] = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'seed'))]
  .sort()
  .flatMap((path) => {
    const source = readFileSync(path, 'utf8');
    return [...source.matchAll(CONSTANT_QUERY)].map((m) => ({
      file: relative(ROOT, path),
      name: m[1],
      text: m[2].trim(),
    }));
  });
/** Queries, and the fragments they embed (a projection, a filter predicate). */
const embedded = new Set(
  constants
    .filter((c) => CYPHER.test(c.text))
    .flatMap((c) => [...c.text.matchAll(/\$\{([A-Z][A-Z0-9_]*)\}/g)].map((m) => m[1])),
);
const queries = constants.filter((c) => CYPHER.test(c.text) || embedded.has(c.name));

describe('Cypher queries', () => {
  it('are found in the source (the scan itself works)', () => {
    const names = new Set(queries.map((q) => q.name));
    expect(names.has('FIND_PAGE')).toBe(true);
    expect(names.has('FIND_IN_AREA')).toBe(true);
    expect(names.has('RANKING_PROJECTION')).toBe(true);
    expect(names.has('REFRESH_READ_MODEL_OF_S')).toBe(true);
    expect(names.has('SERVICE_FILTER_PREDICATE')).toBe(true);
    expect(names.has('SERVICE_PROJECTION')).toBe(true);
    expect(queries.length).toBeGreaterThan(30);
  });

  it('embed only other constants, never a value', () => {
    const interpolations = queries.flatMap((q) =>
      [...q.text.matchAll(/\$\{([^}]*)\}/g)]
        .map((m) => m[1].trim())
        .filter((expr) => !/^[A-Z][A-Z0-9_]*$/.test(expr))
        .map((expr) => `${q.file} ${q.name}: \${${expr}}`),
    );
    expect(interpolations).toEqual([]);
  });

  it('match the reviewed snapshot', () => {
    const byFile: Record<string, Record<string, string>> = {};
    for (const q of queries) {
      byFile[q.file] = { ...byFile[q.file], [q.name]: q.text };
    }
    expect(byFile).toMatchSnapshot();
  });
});
