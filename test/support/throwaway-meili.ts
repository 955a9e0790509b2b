import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './env';

export interface ThrowawayMeili {
  url: string;
  masterKey: string;
  stop(): Promise<void>;
}

declare global {
  var __HENVIS_TEST_MEILI__: ThrowawayMeili | undefined;
}

const PROJECT_ROOT = resolve(__dirname, '..', '..');

/**
 * The Meilisearch server binary the tests start: `MEILI_BIN`, else
 * `../shared/meilisearch/meilisearch` beside the project (undefined when there is none).
 */
export function meiliBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidate =
    env.MEILI_BIN || resolve(PROJECT_ROOT, '..', 'shared', 'meilisearch', 'meilisearch');
  try {
    accessSync(candidate, constants.X_OK);
    return candidate;
  } catch {
    if (env.MEILI_BIN) {
      throw new Error(`MEILI_BIN=${env.MEILI_BIN} is not an executable file`);
    }
    return undefined;
  }
}

/** Set by `.ci/run` when a server binary is there: Meilisearch suites must run, never skip. */
export const meiliRequired = (): boolean => process.env.CI_REQUIRE_MEILI === '1';

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
}

function stopper(child: ChildProcess, dataDir: string): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= new Promise<void>((done) => {
      const finish = (): void => {
        rmSync(dataDir, { recursive: true, force: true });
        done();
      };
      if (child.exitCode !== null || child.signalCode !== null) {
        finish();
        return;
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        finish();
      });
      child.stdin?.end();
    });
    return stopping;
  };
}

/**
 * Starts a throwaway Meilisearch (free port, temporary data folder, random master key) and
 * resolves once it answers `/health`; `stop` ends it and deletes its data.
 */
export async function startThrowawayMeili(binary: string): Promise<ThrowawayMeili> {
  const dataDir = mkdtempSync(join(tmpdir(), 'henvis-meili-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const masterKey = randomBytes(24).toString('hex');
  // The server reads MEILI_* variables as options: pass none of ours (the flags say it all).
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('MEILI_')),
  );
  // Through a small shell that stops the server when our end of its stdin closes: on `stop`,
  // and also when this process dies without stopping it (an interrupted test run).
  const child = spawn(
    'sh',
    [
      '-c',
      'exec 3<&0; "$0" "$@" </dev/null & pid=$!; (cat <&3 >/dev/null; kill $pid 2>/dev/null) & wait $pid',
      binary,
      '--db-path',
      join(dataDir, 'data.ms'),
      '--dump-dir',
      join(dataDir, 'dumps'),
      '--snapshot-dir',
      join(dataDir, 'snapshots'),
      '--http-addr',
      `127.0.0.1:${port}`,
      '--master-key',
      masterKey,
      '--no-analytics',
      '--env',
      'development',
      '--log-level',
      'WARN',
      // Meilisearch's fixed cost per indexing batch grows with this limit (default: two thirds
      // of the machine's memory). Measured here (24 GiB, 3,000 documents): a one-document edit
      // took 0.5–2 s to apply at the default and about 0.1 s at 256 MiB, so a fresh edit queued
      // behind a backlog task waited seconds. docker-compose.yml sets the same.
      '--max-indexing-memory',
      '256MiB',
    ],
    { cwd: dataDir, env, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = stopper(child, dataDir);
  const exited = new Promise<string>((done) => {
    child.once('error', (error) => done(error.message));
    child.once('exit', (code) => done(`exit ${code}`));
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const outcome = await Promise.race([
      exited,
      new Promise<undefined>((done) => setTimeout(() => done(undefined), 100)),
    ]);
    if (outcome !== undefined) {
      await stop();
      throw new Error(
        `Meilisearch (${binary}) stopped before it was ready (${outcome}): ${output}`,
      );
    }
    if (await healthy(url)) {
      return { url, masterKey, stop };
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Meilisearch (${binary}) did not answer /health within 30 s: ${output}`);
    }
  }
}

/**
 * Without MEILI_URL, starts a throwaway Meilisearch when a server binary is found and points
 * MEILI_URL and MEILI_MASTER_KEY at it; with MEILI_URL (or no binary) returns undefined.
 * With CI_REQUIRE_MEILI=1 and neither, fails: the Meilisearch suites must not skip there.
 */
export async function throwawayMeiliUnlessConfigured(): Promise<ThrowawayMeili | undefined> {
  if (process.env.MEILI_URL) {
    return undefined;
  }
  const binary = meiliBinary();
  if (!binary) {
    if (meiliRequired()) {
      throw new Error(
        'CI_REQUIRE_MEILI=1 but no Meilisearch: set MEILI_URL, MEILI_BIN, or put the server at ../shared/meilisearch/meilisearch',
      );
    }
    return undefined;
  }
  const meili = await startThrowawayMeili(binary);
  process.env.MEILI_URL = meili.url;
  process.env.MEILI_MASTER_KEY = meili.masterKey;
  return meili;
}

export interface MeiliServer {
  url: string;
  masterKey: string;
}

/**
 * Registers a suite that needs a real Meilisearch (MEILI_URL and MEILI_MASTER_KEY): `register` is
 * called with the server; without one the suite is reported skipped, saying why, except under
 * CI_REQUIRE_MEILI=1, where it fails instead.
 */
export function withMeili(name: string, register: (server: MeiliServer) => void): void {
  const url = process.env.MEILI_URL;
  const masterKey = process.env.MEILI_MASTER_KEY;
  if (url && masterKey) {
    register({ url, masterKey });
    return;
  }
  if (meiliRequired()) {
    describe(name, () => {
      it('runs against a real Meilisearch (CI_REQUIRE_MEILI=1)', () => {
        throw new Error(
          'CI_REQUIRE_MEILI=1 but MEILI_URL and MEILI_MASTER_KEY are not set: this suite may not skip',
        );
      });
    });
    return;
  }
  console.log(
    `${name}: SKIPPED (no Meilisearch: set MEILI_URL and MEILI_MASTER_KEY, or MEILI_BIN)`,
  );
  describe.skip(`${name} (skipped: no Meilisearch server)`, () => {
    it('runs only against a real Meilisearch server', () => undefined);
  });
}
