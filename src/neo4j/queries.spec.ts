import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';
import { projectRoot } from '../common/project-root';
import { taggedQueries } from './cypher';

/**
 * Every Cypher query the code runs is a `cypher`-tagged constant (the type lets Neo4jService run
 * nothing else). This spec reads them from the source (src/, seed/, bench/) with the TypeScript
 * parser, resolves the fragments each one embeds, and:
 * - snapshots each whole, as it runs (`__snapshots__/queries.spec.ts.snap`, by file and constant;
 *   update with `jest -u`), so a reviewer sees every query change in the diff;
 * - proves the snapshot is what runs: the queries the tag made while src/ and seed/ loaded are
 *   exactly the ones resolved here, so none escapes the scan;
 * - checks that no value is built into a query: the tag is used only on top-level constants and
 *   embeds only other constants by name, and every call that runs Cypher gets a constant.
 */
const ROOT = projectRoot();
const SCANNED = ['src', 'seed', 'bench'];
/** Folders whose modules are loaded to compare with what the tag made (bench runs on import). */
const LOADED = ['src', 'seed'];
/** Where `cypher.unchecked` may appear: the statements of the reviewed migration files. */
const UNCHECKED_ALLOWED = new Set(['src/neo4j/migrations.ts']);
/** The one file that hands query text to neo4j-driver. */
const DRIVER_FILE = 'src/neo4j/neo4j.service.ts';
/** Driver calls that run Cypher, allowed only in DRIVER_FILE (bench's raw baseline aside). */
const DRIVER_CALLS = new Set(['run', 'executeQuery', 'executeRead', 'executeWrite', 'session']);
/** Neo4jService methods that take a query as their first argument. */
const SERVICE_CALLS = new Set(['read', 'readLatest', 'write', 'schema']);
const CONSTANT_NAME = /^[A-Z][A-Z0-9_]*$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' ? [] : sourceFiles(path);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

interface Tagged {
  file: string;
  name: string;
  node: ts.TaggedTemplateExpression;
}

interface Parsed {
  file: string;
  constants: Map<string, Tagged>;
  /** Local name → the file and exported name it was imported from (relative imports only). */
  imports: Map<string, { file: string; name: string }>;
}

const problems: string[] = [];
const runCalls: string[] = [];

const isCypherTag = (node: ts.Node): node is ts.TaggedTemplateExpression =>
  ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'cypher';

const isUnchecked = (node: ts.Node): boolean =>
  ts.isCallExpression(node) &&
  ts.isPropertyAccessExpression(node.expression) &&
  ts.isIdentifier(node.expression.expression) &&
  node.expression.expression.text === 'cypher' &&
  node.expression.name.text === 'unchecked';

/** A query argument: a constant by name, one picked from a constant table, or a migration's. */
const isConstantArgument = (node: ts.Expression | undefined): boolean =>
  node !== undefined &&
  (ts.isIdentifier(node) ||
    (ts.isElementAccessExpression(node) && ts.isIdentifier(node.expression)) ||
    isUnchecked(node));

/** The top-level `const NAME = cypher`…`` a tagged template is the value of, if it is one. */
function constantName(node: ts.TaggedTemplateExpression): string | undefined {
  const declaration = node.parent;
  if (
    ts.isVariableDeclaration(declaration) &&
    ts.isIdentifier(declaration.name) &&
    CONSTANT_NAME.test(declaration.name.text) &&
    ts.isVariableDeclarationList(declaration.parent) &&
    (declaration.parent.flags & ts.NodeFlags.Const) !== 0 &&
    ts.isVariableStatement(declaration.parent.parent) &&
    ts.isSourceFile(declaration.parent.parent.parent)
  ) {
    return declaration.name.text;
  }
  return undefined;
}

function parse(path: string): Parsed {
  const file = relative(ROOT, path);
  const source = ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.ES2022,
    true,
  );
  const where = (node: ts.Node): string =>
    `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const constants = new Map<string, Tagged>();
  const imports = new Map<string, { file: string; name: string }>();

  const visit = (node: ts.Node): void => {
    if (isCypherTag(node)) {
      const name = constantName(node);
      if (name === undefined) {
        problems.push(`${where(node)}: cypher\`…\` outside a top-level \`const NAME = \``);
      } else {
        constants.set(name, { file, name, node });
      }
      if (ts.isTemplateExpression(node.template)) {
        for (const span of node.template.templateSpans) {
          if (!ts.isIdentifier(span.expression)) {
            problems.push(`${where(span)}: \${${span.expression.getText()}} is not a constant`);
          }
        }
      }
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee) && callee.text === 'cypher') {
        problems.push(`${where(node)}: cypher(…) called, not used as a tag`);
      }
      if (isUnchecked(node) && !UNCHECKED_ALLOWED.has(file)) {
        problems.push(`${where(node)}: cypher.unchecked outside ${[...UNCHECKED_ALLOWED].join()}`);
      }
      if (ts.isIdentifier(callee) && callee.text === 'run' && file !== DRIVER_FILE) {
        runCalls.push(where(node));
        if (!isConstantArgument(node.arguments[1])) {
          problems.push(`${where(node)}: run(tx, …) gets no constant query`);
        }
      }
      if (ts.isPropertyAccessExpression(callee)) {
        const method = callee.name.text;
        const receiver = callee.expression.getText();
        if (SERVICE_CALLS.has(method) && /\bneo$/.test(receiver)) {
          runCalls.push(where(node));
          if (!isConstantArgument(node.arguments[0])) {
            problems.push(`${where(node)}: ${receiver}.${method}(…) gets no constant query`);
          }
        }
        const rawBaseline = file.startsWith('bench/') && method === 'executeQuery';
        if (DRIVER_CALLS.has(method) && file !== DRIVER_FILE && !rawBaseline) {
          problems.push(`${where(node)}: .${method}(…) runs Cypher around Neo4jService`);
        }
      }
    } else if (
      ts.isImportDeclaration(node) &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      node.moduleSpecifier.text.startsWith('.') &&
      node.importClause?.namedBindings &&
      ts.isNamedImports(node.importClause.namedBindings)
    ) {
      const from = relative(ROOT, resolve(dirname(path), `${node.moduleSpecifier.text}.ts`));
      for (const element of node.importClause.namedBindings.elements) {
        imports.set(element.name.text, {
          file: from,
          name: (element.propertyName ?? element.name).text,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { file, constants, imports };
}

const parsed = new Map(
  SCANNED.flatMap((dir) => sourceFiles(join(ROOT, dir)))
    .sort()
    .map((path) => {
      const p = parse(path);
      return [p.file, p] as const;
    }),
);

/** A constant's text as it runs: its template with every embedded constant resolved. */
function resolveText(file: string, name: string, seen: string[] = []): string {
  const key = `${file} ${name}`;
  if (seen.includes(key)) {
    throw new Error(`fragments embed each other: ${[...seen, key].join(' → ')}`);
  }
  const module = parsed.get(file);
  const constant = module?.constants.get(name);
  if (!module || !constant) {
    const imported = module?.imports.get(name);
    if (imported) {
      return resolveText(imported.file, imported.name, [...seen, key]);
    }
    problems.push(`${key}: not a cypher-tagged constant`);
    return `\${${name}}`;
  }
  const template = constant.node.template;
  if (ts.isNoSubstitutionTemplateLiteral(template)) {
    return template.text;
  }
  return template.templateSpans.reduce((text, span) => {
    const fragment = ts.isIdentifier(span.expression)
      ? resolveText(file, span.expression.text, [...seen, key])
      : `\${${span.expression.getText()}}`;
    return text + fragment + span.literal.text;
  }, template.head.text);
}

const queries = [...parsed.values()].flatMap((p) =>
  [...p.constants.values()].map((c) => ({
    file: c.file,
    name: c.name,
    text: resolveText(c.file, c.name),
  })),
);

describe('Cypher queries', () => {
  beforeAll(async () => {
    for (const file of parsed.keys()) {
      if (LOADED.some((dir) => file.startsWith(`${dir}/`)) && parsed.get(file)?.constants.size) {
        await import(join(ROOT, file));
      }
    }
  });

  it('are found in the source (the scan itself works)', () => {
    const names = new Set(queries.map((q) => `${q.file} ${q.name}`));
    for (const expected of [
      'src/catalogue/catalogue.repository.ts FIND_PAGE',
      'src/catalogue/service-query.ts SERVICE_FILTER_PREDICATE',
      'src/catalogue/service-row.ts SERVICE_PROJECTION',
      'src/taxonomy/taxonomy.repository.ts ALL_TAXONOMY',
      'src/neo4j/migrations.ts APPLIED',
      'src/neo4j/neo4j.service.ts PING',
      'seed/loader.ts COUNT_SERVICES',
      'bench/run.ts PENDING_OUTBOX',
    ]) {
      expect(names).toContain(expected);
    }
    expect(queries.length).toBeGreaterThan(80);
    expect(runCalls.length).toBeGreaterThan(60);
  });

  it('are exactly the queries the tag made while the code loaded (none escapes the scan)', () => {
    const loaded = queries.filter((q) => LOADED.some((dir) => q.file.startsWith(`${dir}/`)));
    expect(
      taggedQueries()
        .map((q) => q.text)
        .sort(),
    ).toEqual(loaded.map((q) => q.text).sort());
  });

  it('embed only constants and are run only as constants, never built from a value', () => {
    expect(problems).toEqual([]);
  });

  it('match the reviewed snapshot, each whole with its fragments resolved', () => {
    const byFile: Record<string, Record<string, string>> = {};
    for (const q of queries) {
      byFile[q.file] = { ...byFile[q.file], [q.name]: q.text };
    }
    expect(byFile).toMatchSnapshot();
  });
});
