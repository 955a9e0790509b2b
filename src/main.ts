import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { enableGracefulShutdown } from './common/graceful-shutdown';
import { ConfigError, loadConfig } from './config/app-config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  enableGracefulShutdown(app);
  await app.listen(config.port, config.host);
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const base = `http://${shownHost}:${config.port}`;
  Logger.log(`Henvis API ready: the page at ${base}/, GraphQL at ${base}/graphql`, 'Henvis');
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
