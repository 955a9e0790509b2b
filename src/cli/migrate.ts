import 'reflect-metadata';
import { withDatabase } from './cli-support';

/** `npm run graph:migrate`: applies pending migrations (the API also does this at start-up). */
withDatabase('migrate', async (_neo, log) => {
  log('migrate: up to date');
  return Promise.resolve();
});
