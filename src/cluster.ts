import cluster, { Worker } from 'node:cluster';
import type { LoggerService } from '@nestjs/common';
import { SHUTDOWN_DEADLINE_MS } from './common/graceful-shutdown';

/** Pauses before starting a worker again after it died: the last one repeats. */
export const RESTART_BACKOFF_MS = [500, 1_000, 2_000, 4_000, 8_000];
/** A worker that served this long resets the backoff. */
const STABLE_MS = 60_000;

/**
 * The primary of `WEB_CONCURRENCY` workers (Node's cluster module; each worker is the whole API
 * with its own catalogue snapshot and driver, and they share the port). It serves nothing itself:
 *
 * - starts the workers, each told its number (HENVIS_WORKER=1, 2, …: worker 1 runs the search
 *   sync, see SearchSyncScheduler);
 * - if none of the first workers comes up (bad configuration, Neo4j never reachable), stops the
 *   others and exits 1, as a single process would;
 * - a worker that dies later is started again under the same number, after a pause that grows
 *   while it keeps dying (RESTART_BACKOFF_MS); the others serve meanwhile;
 * - on SIGTERM or SIGINT (and at the end of stdin when started by `npm start`) passes SIGTERM to
 *   every worker, each of which finishes its requests in flight (graceful-shutdown.ts), and exits
 *   once all have: 0 when every worker stopped cleanly. Workers still running after the shutdown
 *   deadline are killed.
 */
export function runPrimary(count: number, logger: LoggerService): void {
  const context = 'Cluster';
  let stopping = false;
  let anyListening = false;
  let failed = false;
  const numbers = new Map<Worker, number>();
  const failures = new Map<number, number>();
  const startedAt = new Map<number, number>();

  const start = (n: number): void => {
    // The workers watch the primary (its IPC channel), not stdin: only the primary reads it.
    const worker = cluster.fork({ HENVIS_WORKER: String(n), HENVIS_STOP_ON_STDIN_EOF: '' });
    numbers.set(worker, n);
    startedAt.set(n, Date.now());
    worker.once('listening', () => {
      anyListening = true;
    });
  };

  const stopAll = (signal: NodeJS.Signals): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.log(`${signal}: stopping ${numbers.size} worker(s)`, context);
    for (const worker of numbers.keys()) {
      worker.process.kill('SIGTERM');
    }
    // Each worker ends itself within its own deadline; this is the backstop.
    setTimeout(() => {
      for (const worker of numbers.keys()) {
        worker.process.kill('SIGKILL');
      }
    }, SHUTDOWN_DEADLINE_MS + 5_000).unref();
    if (numbers.size === 0) {
      process.exit(failed ? 1 : 0);
    }
  };

  cluster.on('exit', (worker, code, signal) => {
    const n = numbers.get(worker) ?? 0;
    numbers.delete(worker);
    if (stopping) {
      if (code !== 0) {
        failed = true;
      }
      if (numbers.size === 0) {
        logger.log('stopped', context);
        process.exit(failed ? 1 : 0);
      }
      return;
    }
    const how = signal ?? `exit ${code}`;
    if (!anyListening) {
      logger.error(`worker ${n} did not start (${how}); stopping`, context);
      failed = true;
      stopAll('SIGTERM');
      return;
    }
    const served = Date.now() - (startedAt.get(n) ?? 0);
    const tries = served >= STABLE_MS ? 1 : (failures.get(n) ?? 0) + 1;
    failures.set(n, tries);
    const wait = RESTART_BACKOFF_MS[Math.min(tries, RESTART_BACKOFF_MS.length) - 1];
    logger.warn(
      `worker ${n} (pid ${worker.process.pid}) died (${how}); starting it again in ${wait} ms`,
      context,
    );
    setTimeout(() => {
      if (!stopping) {
        start(n);
      }
    }, wait);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => stopAll(signal));
  }
  if (process.env.HENVIS_STOP_ON_STDIN_EOF === '1') {
    process.stdin.on('end', () => stopAll('SIGTERM'));
    process.stdin.resume();
  }
  logger.log(`starting ${count} workers (WEB_CONCURRENCY)`, context);
  for (let n = 1; n <= count; n++) {
    start(n);
  }
}
