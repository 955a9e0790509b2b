import 'reflect-metadata';
import { runCli } from './cli-support';

/** `npm run graph:migrate`: applies pending migrations (the API also does this at start-up). */
void runCli({
  name: 'migrate',
  task: (_context, _config, log) => {
    log('migrate: up to date');
    return Promise.resolve();
  },
});
