import type { Storage, StoreItems } from 'botbuilder';
import { EtagConflictError, type Store } from './store/store.js';

/**
 * botbuilder's `Storage` on top of our {@link Store}, so ConversationState and UserState persist
 * wherever the store does. The store knows nothing of botbuilder; this is the only bridge.
 */
export class StoreStorage implements Storage {
  constructor(private readonly store: Store) {}

  /** Reads items by key; unknown keys are absent from the result. */
  async read(keys: string[]): Promise<StoreItems> {
    // Same guard and message as botbuilder's MemoryStorage, for callers written against it.
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    return this.store.readState(keys);
  }

  /**
   * Writes items with eTag checks. A conflict rejects with a plain Error, as botbuilder's own
   * storages do, so that botbuilder code needs no knowledge of our error types.
   */
  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    try {
      await this.store.writeState(changes);
    } catch (error) {
      if (error instanceof EtagConflictError) {
        throw new Error(`Storage: error writing "${error.key}" due to eTag conflict.`, { cause: error });
      }
      throw error;
    }
  }

  /** Deletes items by key; unknown keys are ignored. */
  async delete(keys: string[]): Promise<void> {
    await this.store.deleteState(keys);
  }
}
