import { ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';

interface GraphScripts {
  freePort(): Promise<number>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scripts = require('../scripts/graph.js') as GraphScripts;

const ROOT = join(__dirname, '..');
let api: ChildProcess | undefined;
let output = '';

afterAll(() => {
  if (api && api.exitCode === null && api.signalCode === null) {
    api.kill('SIGKILL');
  }
});

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode);
  }
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('SIGTERM', () => {
  it('finishes the request in flight (also after a second signal), refuses new connections, exits 0', async () => {
    const port = await scripts.freePort();
    // The API as `npm run start:api` runs it, from source (the test does not build dist/).
    api = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'log',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child = api;
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('Henvis API ready')) {
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`the API exited (${code}): ${output}`)));
    });

    // A request in flight: headers and half of its body sent, the rest after the SIGTERM.
    const body = JSON.stringify({ query: '{ __typename }' });
    const half = Math.floor(body.length / 2);
    let inFlight: ReturnType<typeof httpRequest> | undefined;
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, half));
      inFlight = req;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill('SIGTERM');
    await new Promise<void>((resolve) => {
      const wait = (): void => {
        if (output.includes('finishing the requests in flight')) {
          resolve();
        } else {
          setTimeout(wait, 50);
        }
      };
      wait();
    });
    // A second signal (Ctrl+C reaches the API and `npm start`, which passes it on) changes nothing.
    child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // New connections are refused now.
    await expect(
      new Promise((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/health/live' }, resolve);
        req.on('error', reject);
        req.end();
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
    inFlight?.end(body.slice(half));
    expect(await answer).toEqual({ status: 200, text: '{"data":{"__typename":"Query"}}\n' });
    expect(await exited(child)).toBe(0);
    expect(output).toContain('[Shutdown] stopped');
  }, 120_000);
});
