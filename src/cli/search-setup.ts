import 'reflect-metadata';
import { ConfigError } from '../config/app-config';
import { ensureApiKey } from '../search/meilisearch/meili-key';
import { CliCommand, runCli } from './cli-support';

/**
 * `npm run search:setup`: creates, with the master key, the scoped key the API uses with
 * Meilisearch (its own index only; see API_KEY_ACTIONS) and prints it. Run again, it finds and
 * prints the same key. Needs Meilisearch only, not Neo4j.
 */
export const searchSetupCommand: CliCommand = {
  name: 'search:setup',
  database: false,
  env: { SEARCH_ENGINE: 'meilisearch' },
  task: async (_context, config) => {
    const { meiliUrl, meiliMasterKey, meiliIndex } = config.search;
    if (!meiliUrl || !meiliMasterKey) {
      throw new ConfigError(
        'set MEILI_URL and MEILI_MASTER_KEY (the master key creates the API key)',
      );
    }
    const key = await ensureApiKey(meiliUrl, meiliMasterKey, meiliIndex);
    console.error(
      `search:setup: ${key.created ? 'created' : 'found'} the API key for index "${meiliIndex}" (uid ${key.uid}); give it to the API as MEILI_API_KEY:`,
    );
    console.log(`MEILI_API_KEY=${key.key}`);
  },
};

if (require.main === module) {
  void runCli(searchSetupCommand);
}
