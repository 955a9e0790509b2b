import { ChildProcess, spawn } from 'node:child_process';
import { createServer, Server } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { alive, exited } from './support/processes';

interface StartedGraph {
  uri: string;
  child: ChildProcess;
  stop(): Promise<void>;
}
interface GraphScripts {
  startGraph(opts: {
    dataDir: string;
    port: number;
    password: string;
    quiet?: boolean;
    heapMb?: number;
  }): Promise<StartedGraph>;
  freePort(): Promise<number>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scripts = require('../scripts/graph.js') as GraphScripts;

const PASSWORD = 'henvis-test-password';

/** Runs one query against a launcher's Neo4j and returns the first column of each row. */
async function query(uri: string, cypher: string): Promise<unknown[]> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', PASSWORD));
  try {
    const { records } = await driver.executeQuery(cypher);
    return records.map((r) => r.get(0) as unknown);
  } finally {
    await driver.close();
  }
}

describe('graph launcher', () => {
  let server: Server;
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'henvis-launcher-test-'));
  });

  afterAll(() => {
    server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fails clearly when the Bolt port is taken', async () => {
    const port = await scripts.freePort();
    server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await expect(
      scripts.startGraph({ dataDir, port, password: PASSWORD, quiet: true }),
    ).rejects.toThrow(
      `port 127.0.0.1:${port} is already in use; set NEO4J_BOLT_PORT to a free port`,
    );
  });

  it('refuses a password Neo4j would not accept', async () => {
    const port = await scripts.freePort();
    await expect(
      scripts.startGraph({ dataDir, port, password: 'short', quiet: true }),
    ).rejects.toThrow('NEO4J_PASSWORD must be at least 8 characters');
  });

  it('exits non-zero with a clear message when the data folder cannot be made', async () => {
    const file = join(dataDir, 'a-file');
    writeFileSync(file, 'not a folder');
    const port = await scripts.freePort();
    await expect(
      scripts.startGraph({ dataDir: join(file, 'neo4j'), port, password: PASSWORD, quiet: true }),
    ).rejects.toThrow(/Neo4j exited before it was ready \(exit 2\): henvis-graph: cannot create/);
  });

  it('starts again on the same data folder, keeping the data; a second one on it fails clearly', async () => {
    const folder = join(dataDir, 'twice');
    const first = await scripts.startGraph({
      dataDir: folder,
      port: await scripts.freePort(),
      password: PASSWORD,
      quiet: true,
      heapMb: 384,
    });
    try {
      await query(first.uri, "CREATE (:LauncherProbe {name: 'kept'})");
      // The store is locked by the running server: the start fails and says why, and exits.
      await expect(
        scripts.startGraph({
          dataDir: folder,
          port: await scripts.freePort(),
          password: PASSWORD,
          quiet: true,
          heapMb: 384,
        }),
      ).rejects.toThrow(
        /Neo4j exited before it was ready \(exit 1\): henvis-graph: start-up failed/,
      );
    } finally {
      await first.stop();
    }
    // Same folder, same password (the password step must not fail on "same password").
    const second = await scripts.startGraph({
      dataDir: folder,
      port: await scripts.freePort(),
      password: PASSWORD,
      quiet: true,
      heapMb: 384,
    });
    try {
      expect(await query(second.uri, 'MATCH (p:LauncherProbe) RETURN p.name')).toEqual(['kept']);
    } finally {
      await second.stop();
    }
  }, 180_000);

  it('stops when the Node process that started it is killed', async () => {
    const folder = join(dataDir, 'orphan');
    const port = await scripts.freePort();
    const script = `
      const { startGraph } = require(${JSON.stringify(join(__dirname, '..', 'scripts', 'graph.js'))});
      startGraph({ dataDir: ${JSON.stringify(folder)}, port: ${port}, password: ${JSON.stringify(PASSWORD)}, quiet: true, heapMb: 384 })
        .then((g) => { console.log('pid ' + g.child.pid); setInterval(() => {}, 1000); })
        .catch((e) => { console.error(e.message); process.exit(1); });`;
    const parent = spawn(process.execPath, ['-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const jvmPid = await new Promise<number>((resolve, reject) => {
      let out = '';
      parent.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /pid (\d+)/.exec(out);
        if (match) {
          resolve(Number(match[1]));
        }
      });
      parent.once('exit', () => reject(new Error('the parent exited before Neo4j was ready')));
    });
    expect(alive(jvmPid)).toBe(true);
    parent.kill('SIGKILL');
    await exited(parent);
    for (let i = 0; i < 120 && alive(jvmPid); i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(alive(jvmPid)).toBe(false);
  }, 120_000);
});
