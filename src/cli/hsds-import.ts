import 'reflect-metadata';
import { ListingWriteModule } from '../directory/write/listing-write.module';
import { readServiceRecords } from '../hsds/hsds-files';
import { HsdsImporter, HsdsImportRefused } from '../hsds/hsds-import';
import { HsdsModule } from '../hsds/hsds.module';
import { SearchOutboxModule } from '../search/sync/search-outbox';
import { CliCommand, runCli } from './cli-support';
import { option } from './hsds-export';

const USAGE =
  'usage: npm run hsds:import -- <file-or-dir> --organisation <id> [--dry-run] [--public-addresses]';

/**
 * `npm run hsds:import -- <file-or-dir> --organisation <id> [--dry-run] [--public-addresses]`:
 * HSDS services into one organisation's listings, all or nothing (see HsdsImporter). A refusal
 * prints one line per problem on stderr, then the command's own line, and exits 1.
 */
export const hsdsImportCommand: CliCommand = {
  name: 'hsds:import',
  imports: () => [SearchOutboxModule, ListingWriteModule, HsdsModule],
  task: async (context, _config, log) => {
    const args = process.argv.slice(2);
    const organisationId = option(args, 'organisation');
    const path = args.find(
      (a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--organisation'),
    );
    if (!path || !organisationId) {
      throw new Error(USAGE);
    }
    const dryRun = args.includes('--dry-run');
    const records = readServiceRecords(path);
    try {
      const outcome = await context.get(HsdsImporter).import(records, {
        organisationId,
        dryRun,
        publicAddresses: args.includes('--public-addresses'),
      });
      const [update, create] = dryRun ? ['would update', 'would create'] : ['updated', 'created'];
      for (const u of outcome.updated) {
        log(`hsds:import: ${update} ${u.id}: ${u.fields.join(', ')}`);
      }
      for (const id of outcome.created) {
        log(`hsds:import: ${create} ${id}`);
      }
      const n = (list: readonly unknown[], what: string) => `${list.length} ${what}`;
      log(
        dryRun
          ? `hsds:import: ${n(outcome.created, 'to create')}, ${n(outcome.updated, 'to update')}, ${n(outcome.unchanged, 'unchanged')} (dry run: nothing written)`
          : `hsds:import: ${n(outcome.created, 'created')}, ${n(outcome.updated, 'updated')}, ${n(outcome.unchanged, 'unchanged')}`,
      );
    } catch (error) {
      if (error instanceof HsdsImportRefused) {
        error.problems.forEach((p) => console.error(`hsds:import: ${p}`));
        throw new Error(`${error.message}: nothing written`);
      }
      throw error;
    }
  },
};

if (require.main === module) {
  void runCli(hsdsImportCommand);
}
