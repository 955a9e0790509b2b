import { createServer, Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface GraphScripts {
  startGraph(opts: {
    dataDir: string;
    port: number;
    password: string;
    quiet?: boolean;
  }): Promise<{ stop(): Promise<void> }>;
  freePort(): Promise<number>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scripts = require('../scripts/graph.js') as GraphScripts;

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
      scripts.startGraph({ dataDir, port, password: 'henvis-test-password', quiet: true }),
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
});
