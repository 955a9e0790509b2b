import { INestApplication, Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import type { Server } from 'node:http';

/** The whole shutdown, whatever hangs: after this the process exits anyway. */
export const SHUTDOWN_DEADLINE_MS = 10_000;

/**
 * On SIGTERM or SIGINT: stop accepting connections, let the requests in flight finish, then
 * close the app (the search outbox worker stops, then the Neo4j driver closes) and exit. Nest's
 * own shutdown hooks would stop the modules first and the server only after them, so a request
 * arriving meanwhile could meet a stopped GraphQL server. A hard deadline ends it after
 * SHUTDOWN_DEADLINE_MS.
 */
export function enableGracefulShutdown(
  app: INestApplication,
  deadlineMs: number = SHUTDOWN_DEADLINE_MS,
): void {
  const logger = new Logger('Shutdown');
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.log(`${signal}: no new connections; finishing the requests in flight`);
    const deadline = setTimeout(() => {
      logger.error(`not stopped within ${deadlineMs / 1000} s; exiting now`);
      process.exit(1);
    }, deadlineMs);
    deadline.unref();
    const server = app.getHttpServer() as Server;
    // Keep-alive connections stay open after their last response; close each once it is idle.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    idle.unref();
    new Promise<void>((resolve) => server.close(() => resolve()))
      .then(() => {
        clearInterval(idle);
        return app.close();
      })
      .then(
        () => {
          logger.log('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error(`shutdown failed: ${error instanceof Error ? error.name : 'unknown'}`);
          process.exit(1);
        },
      );
  };
  // `on`, not `once`: a terminal's Ctrl+C reaches this process and `npm start`, which passes it
  // on; the second signal must not end the process before the requests in flight are done.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => stop(signal));
  }
  // Started by `npm start` (scripts/start.js), stdin is a pipe from it: its end means that process
  // is gone, even if it was killed, so stop like on SIGTERM rather than serve on as an orphan.
  if (process.env.HENVIS_STOP_ON_STDIN_EOF === '1') {
    process.stdin.on('end', () => stop('SIGTERM'));
    process.stdin.resume();
  }
  // A worker of the cluster (cluster.ts): its primary gone, however it ended, means stop too.
  if (cluster.isWorker) {
    process.on('disconnect', () => stop('SIGTERM'));
  }
}
