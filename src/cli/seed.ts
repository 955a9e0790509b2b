import 'reflect-metadata';
import { countServices, readDemo, seedReference, writeListings } from '../../seed/loader';
import { withDatabase } from './cli-support';

/** `npm run seed [-- --if-empty]`: reference data always, demonstration listings (once). */
withDatabase('seed', async (neo, log) => {
  const ifEmpty = process.argv.includes('--if-empty');
  await seedReference(neo, log);
  if (ifEmpty && (await countServices(neo)) > 0) {
    log('seed: listings already present, demonstration data not loaded');
    return;
  }
  const created = await writeListings(neo, readDemo(), log);
  log(`seed: done (${created} new demonstration services)`);
});
