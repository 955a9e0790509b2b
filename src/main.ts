import 'reflect-metadata';
import cluster from 'node:cluster';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { runPrimary } from './cluster';
import { createLogging } from './common/logging';
import { enableGracefulShutdown } from './common/graceful-shutdown';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';

async function serve(config: AppConfig): Promise<void> {
  const app = await createApp(config);
  enableGracefulShutdown(app);
  await app.listen(config.port, config.host);
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const base = `http://${shownHost}:${config.port}`;
  const worker = config.workers.index > 0 ? ` (worker ${config.workers.index})` : '';
  Logger.log(
    `Henvis API ready${worker}: the page at ${base}/, GraphQL at ${base}/graphql`,
    'Henvis',
  );
}

/**
 * The configuration is validated here, before anything starts (in the primary, then again in
 * each worker). With more than one worker (WEB_CONCURRENCY; default one per core in
 * production) this process is the cluster's primary and each worker serves the API.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (cluster.isPrimary && config.workers.count > 1) {
    const logging = createLogging({ production: config.production, level: config.logLevel });
    runPrimary(config.workers.count, logging.nest);
    return;
  }
  await serve(config);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`henvis: ${error.message}`);
  } else {
    console.error(
      `henvis: start-up failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  process.exit(1);
});
