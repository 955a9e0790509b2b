import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { Neo4jService } from './neo4j.service';
import { cypher } from './cypher';

export const MIGRATIONS_DIR = join(projectRoot(), 'graph', 'migrations');

export interface Migration {
  version: number;
  name: string;
  /** SHA-256 of the statements (comments and blank lines do not count: they never run). */
  checksum: string;
  statements: string[];
  /**
   * Checksums of the whole file recorded for the same statements by databases migrated while
   * the ledger hashed whole files (graph/migrations/whole-file-checksums.json): accepted, and
   * the record is updated to `checksum`, so rewording a comment never stops a start.
   */
  wholeFileChecksums: string[];
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

/** The checksum of a migration: over what runs, one statement a line. */
export function statementsChecksum(statements: string[]): string {
  return createHash('sha256').update(statements.join(';\n')).digest('hex');
}

const WHOLE_FILE_CHECKSUMS = 'whole-file-checksums.json';

function readWholeFileChecksums(dir: string): Record<string, string[]> {
  try {
    return JSON.parse(readFileSync(join(dir, WHOLE_FILE_CHECKSUMS), 'utf8')) as Record<
      string,
      string[]
    >;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return {};
    }
    throw error;
  }
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const wholeFile = readWholeFileChecksums(dir);
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
    const statements = splitStatements(readFileSync(join(dir, file), 'utf8'));
    return {
      version,
      name: match[2],
      checksum: statementsChecksum(statements),
      statements,
      wholeFileChecksums: wholeFile[String(version)] ?? [],
    };
  });
}

const ENSURE_LEDGER = cypher`CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:Migration) REQUIRE m.version IS UNIQUE`;
const APPLIED = cypher`MATCH (m:Migration) RETURN m.version AS version, m.checksum AS checksum`;
const AWAIT_INDEXES = cypher`CALL db.awaitIndexes(300)`;
const RECORD = cypher`
MERGE (m:Migration {version: $version})
ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()`;
const RECHECKSUM = cypher`
MATCH (m:Migration {version: $version})
WHERE m.checksum = $recorded
SET m.checksum = $checksum`;

const ENSURE_LOCK = cypher`CREATE CONSTRAINT migration_lock_name IF NOT EXISTS FOR (l:MigrationLock) REQUIRE l.name IS UNIQUE`;
// The first SET takes the node's write lock, so the owner check after it sees the latest
// committed owner (two instances cannot both pass it). Server time, so clocks need not agree.
const ACQUIRE_LOCK = cypher`
MERGE (l:MigrationLock {name: 'migrations'})
SET l.lastTry = timestamp()
WITH l
WHERE l.owner IS NULL OR l.owner = $owner OR l.expiresAt < timestamp()
SET l.owner = $owner, l.expiresAt = timestamp() + $leaseMs
RETURN l.owner AS owner`;
const RELEASE_LOCK = cypher`
MATCH (l:MigrationLock {name: 'migrations'})
WHERE l.owner = $owner
SET l.owner = null, l.expiresAt = null`;

export interface MigrationLockOptions {
  /** How long the lock is held without renewal (renewed every third of it while migrating). */
  leaseMs: number;
  /** How long to wait for another instance's migration before giving up. */
  waitMs: number;
  /** Pause between tries. */
  retryMs: number;
}

const DEFAULT_LOCK: MigrationLockOptions = { leaseMs: 60_000, waitMs: 10 * 60_000, retryMs: 500 };

/**
 * Runs `work` while holding the one `:MigrationLock` in the graph, so instances starting at the
 * same time migrate one after the other (the later ones then find nothing to do). The lock is a
 * lease: an instance killed mid-migration holds it only until the lease runs out.
 */
export async function withMigrationLock<T>(
  neo: Neo4jService,
  work: () => Promise<T>,
  log: (line: string) => void = () => undefined,
  options: Partial<MigrationLockOptions> = {},
): Promise<T> {
  const { leaseMs, waitMs, retryMs } = { ...DEFAULT_LOCK, ...options };
  // Two instances may create the constraint at once; the loser's attempt can fail, not the result.
  await neo.schema(ENSURE_LOCK).catch(() => neo.schema(ENSURE_LOCK));
  const owner = randomUUID();
  const tryAcquire = async (): Promise<boolean> =>
    (await neo.write<{ owner: string }>(ACQUIRE_LOCK, { owner, leaseMs })).length === 1;
  const deadline = Date.now() + waitMs;
  let waiting = false;
  while (!(await tryAcquire())) {
    if (Date.now() > deadline) {
      throw new Error(
        `another instance has held the migration lock for over ${Math.round(waitMs / 1000)} s`,
      );
    }
    if (!waiting) {
      log('migrations: another instance is migrating; waiting for it');
      waiting = true;
    }
    await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
  const renew = setInterval(() => {
    tryAcquire().then(
      (held) => {
        if (!held) {
          log('migrations: the migration lock was lost (lease ran out)');
        }
      },
      () => undefined,
    );
  }, leaseMs / 3);
  renew.unref();
  try {
    return await work();
  } finally {
    clearInterval(renew);
    await neo.write(RELEASE_LOCK, { owner }).catch(() => undefined);
  }
}

/**
 * Applies pending migrations in order, each exactly once (recorded as `:Migration` nodes), under
 * the migration lock. A file changed after it was applied stops the start, since the graph no
 * longer matches the code.
 */
export async function migrate(
  neo: Neo4jService,
  log: (line: string) => void = () => undefined,
  dir: string = MIGRATIONS_DIR,
  lock: Partial<MigrationLockOptions> = {},
): Promise<number[]> {
  return withMigrationLock(neo, () => migrateLocked(neo, log, dir), log, lock);
}

async function migrateLocked(
  neo: Neo4jService,
  log: (line: string) => void,
  dir: string,
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
        if (!m.wholeFileChecksums.includes(checksum)) {
          throw new Error(
            `migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead`,
          );
        }
        await neo.write(RECHECKSUM, {
          version: m.version,
          recorded: checksum,
          checksum: m.checksum,
        });
      }
      continue;
    }
    log(
      `migrating: ${String(m.version).padStart(4, '0')}_${m.name} (${m.statements.length} statements)`,
    );
    for (const statement of m.statements) {
      // Reviewed as the migration file itself (graph/migrations), not as a constant here.
      await neo.schema(cypher.unchecked(statement));
    }
    await neo.write(RECORD, { version: m.version, name: m.name, checksum: m.checksum });
    done.push(m.version);
  }
  await neo.schema(AWAIT_INDEXES);
  return done;
}
