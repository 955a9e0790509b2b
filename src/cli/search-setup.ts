import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/app-config';
import { ensureApiKey } from '../search/meili-key';

/**
 * `npm run search:setup`: creates, with the master key, the scoped key the API uses with
 * Meilisearch (its own index only; see API_KEY_ACTIONS) and prints it. Run again, it finds and
 * prints the same key.
 */
async function main(): Promise<void> {
  // Only the search settings are read here (the database is not needed).
  const config = loadConfig({
    NEO4J_URI: 'bolt://unused',
    NEO4J_PASSWORD: 'unused',
    ...process.env,
    SEARCH_ENGINE: 'meilisearch',
  });
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
}

main().catch((error: unknown) => {
  console.error(`henvis search:setup: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
