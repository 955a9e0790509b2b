import 'reflect-metadata';
import { countServices, readDemo, seedReference, writeListings } from '../../seed/loader';
import { Neo4jService } from '../neo4j/neo4j.service';
import { CliCommand, runCli } from './cli-support';

/**
 * `npm run seed [-- --if-empty]`: reference data always, demonstration listings (once). The
 * loader writes through the application's create (ServiceWriteRepository) on the context's driver.
 */
export const seedCommand: CliCommand = {
  name: 'seed',
  task: async (context, _config, log) => {
    const neo = context.get(Neo4jService);
    const ifEmpty = process.argv.includes('--if-empty');
    await seedReference(neo, log);
    if (ifEmpty && (await countServices(neo)) > 0) {
      log('seed: listings already present, demonstration data not loaded');
      return;
    }
    const created = await writeListings(neo, readDemo(), log);
    log(`seed: done (${created} new demonstration services)`);
  },
};

if (require.main === module) {
  void runCli(seedCommand);
}
