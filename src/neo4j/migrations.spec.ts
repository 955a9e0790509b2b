import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMigrations, splitStatements, statementsChecksum } from './migrations';

describe('migrations', () => {
  it('splits statements at line-ending semicolons and drops comments', () => {
    expect(
      splitStatements(
        '// header\nCREATE INDEX a IF NOT EXISTS\n FOR (n:A) ON (n.x);\n\nCREATE INDEX b;\n',
      ),
    ).toEqual(['CREATE INDEX a IF NOT EXISTS\n FOR (n:A) ON (n.x)', 'CREATE INDEX b']);
  });

  it('reads the shipped migrations in version order', () => {
    const versions = readMigrations().map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
  });
});

describe('migration checksums', () => {
  it('count the statements only, not comments or blank lines', () => {
    const [plain] = readMigrationsFrom({ '0001_a.cypher': 'CREATE INDEX a;\n' });
    const [commented] = readMigrationsFrom({
      '0001_a.cypher': '// why the index is there\n\nCREATE INDEX a;\n',
    });
    const [changed] = readMigrationsFrom({ '0001_a.cypher': 'CREATE INDEX b;\n' });
    expect(commented.checksum).toBe(plain.checksum);
    expect(changed.checksum).not.toBe(plain.checksum);
    expect(plain.checksum).toBe(statementsChecksum(['CREATE INDEX a']));
  });

  it('every shipped migration up to 0010 keeps the whole-file checksum databases recorded', () => {
    const listed = readMigrations()
      .filter((m) => m.version <= 10)
      .map((m) => [m.version, m.wholeFileChecksums.length]);
    expect(listed).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => [v, 1]));
  });
});

function readMigrationsFrom(files: Record<string, string>): ReturnType<typeof readMigrations> {
  const dir = mkdtempSync(join(tmpdir(), 'henvis-migrations-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(dir, name), text);
    }
    return readMigrations(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
