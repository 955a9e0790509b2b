import { readMigrations, splitStatements } from './migrations';

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
