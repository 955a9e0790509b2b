import type { ManagedTransaction } from 'neo4j-driver';

/**
 * The port through which the write side (directory, the seed) says that listings changed, inside
 * the writing transaction, so whatever keeps a copy of them (search) records it in the same
 * commit. Directory depends on this port only; search implements it (SearchOutbox) and binds it,
 * so the import graph has no arrow from directory up to search.
 */
export abstract class ListingChanges {
  /** Records, in the caller's transaction, that these services changed (or were deleted). */
  abstract recordInTx(tx: ManagedTransaction, serviceIds: string[]): Promise<void>;
}
