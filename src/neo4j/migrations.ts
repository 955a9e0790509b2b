import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { Neo4jService } from './neo4j.service';

export const MIGRATIONS_DIR = join(projectRoot(), 'graph', 'migrations');

export interface Migration {
  version: number;
  name: string;
  checksum: string;
  statements: string[];
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.cypher$/;

/** Splits a migration file into statements: `;` at the end of a line ends one; `//` lines are comments. */
export function splitStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const match = FILE_PATTERN.exec(file);
    if (!match) {
      throw new Error(`migration file name must look like 0001_name.cypher: ${file}`);
    }
    const version = Number(match[1]);
    if (seen.has(version)) {
      throw new Error(`two migrations have version ${match[1]}`);
    }
    seen.add(version);
    const text = readFileSync(join(dir, file), 'utf8');
    return {
      version,
      name: match[2],
      checksum: createHash('sha256').update(text).digest('hex'),
      statements: splitStatements(text),
    };
  });
}

const ENSURE_LEDGER =
  'CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:Migration) REQUIRE m.version IS UNIQUE';
const APPLIED = 'MATCH (m:Migration) RETURN m.version AS version, m.checksum AS checksum';
const RECORD = `
MERGE (m:Migration {version: $version})
ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()`;

/**
 * Applies pending migrations in order, each exactly once (recorded as `:Migration` nodes). A file
 * changed after it was applied stops the start, since the graph no longer matches the code.
 */
export async function migrate(
  neo: Neo4jService,
  log: (line: string) => void = () => undefined,
  dir: string = MIGRATIONS_DIR,
): Promise<number[]> {
  await neo.schema(ENSURE_LEDGER);
  const applied = new Map(
    (await neo.read<{ version: number; checksum: string }>(APPLIED)).map((r) => [
      r.version,
      r.checksum,
    ]),
  );
  const done: number[] = [];
  for (const m of readMigrations(dir)) {
    const checksum = applied.get(m.version);
    if (checksum !== undefined) {
      if (checksum !== m.checksum) {
        throw new Error(
          `migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead`,
        );
      }
      continue;
    }
    log(
      `migrating: ${String(m.version).padStart(4, '0')}_${m.name} (${m.statements.length} statements)`,
    );
    for (const statement of m.statements) {
      await neo.schema(statement);
    }
    await neo.write(RECORD, { version: m.version, name: m.name, checksum: m.checksum });
    done.push(m.version);
  }
  await neo.schema('CALL db.awaitIndexes(300)');
  return done;
}
