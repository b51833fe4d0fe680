import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { AutoSaveStateMiddleware, ConversationState, TestAdapter, type Storage } from 'botbuilder';
import { StoreStorage } from '../../src/botStorage.js';
import { openLowdbStore, type LowdbStore } from '../../src/store/lowdbStore.js';

// The cases follow botbuilder's StorageBaseTests, which every botbuilder storage provider passes.

let dataDir: string;
let store: LowdbStore;
let storage: Storage;

async function openStore(): Promise<void> {
  store = await openLowdbStore({ dataDir, stateTtlMs: 60_000, profileTtlMs: 60_000 });
  storage = new StoreStorage(store);
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'bot-storage-'));
  await openStore();
});

afterEach(async () => {
  await store.close().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

describe('StoreStorage', () => {
  it('returns an empty object when reading an unknown key', async () => {
    expect(await storage.read(['unknown'])).toEqual({});
  });

  it('rejects missing keys or changes like MemoryStorage', async () => {
    await expect(storage.read(null as unknown as string[])).rejects.toThrow(ReferenceError);
    await expect(storage.write(null as unknown as Record<string, unknown>)).rejects.toThrow(ReferenceError);
  });

  it('does not throw when writing no items', async () => {
    await expect(storage.write({})).resolves.toBeUndefined();
  });

  it('creates objects, each read back with an eTag', async () => {
    await storage.write({ createPoco: { id: 1 }, createPocoStoreItem: { id: 2 } });

    const read = await storage.read(['createPoco', 'createPocoStoreItem']);
    expect(read.createPoco).toEqual({ id: 1, eTag: expect.any(String) });
    expect(read.createPocoStoreItem).toEqual({ id: 2, eTag: expect.any(String) });
  });

  it('handles crazy keys', async () => {
    const key = '!@#$%^&*()~/\\><,.?\';"`~';
    await storage.write({ [key]: { id: 1 } });

    const read = await storage.read([key]);
    expect(read[key].id).toBe(1);
  });

  it('updates objects with eTag semantics: current eTag, no eTag and "*" write; a stale eTag is rejected', async () => {
    await storage.write({ pocoItem: { id: 1, count: 1 }, pocoStoreItem: { id: 1, count: 1 } });
    const loaded = await storage.read(['pocoItem', 'pocoStoreItem']);
    const pocoItem = loaded.pocoItem;
    delete pocoItem.eTag; // an item without eTag always overwrites
    const pocoStoreItem = loaded.pocoStoreItem;
    const firstETag = pocoStoreItem.eTag;

    pocoItem.count++;
    pocoStoreItem.count++;
    await storage.write(loaded);
    const reloaded = await storage.read(['pocoItem', 'pocoStoreItem']);
    expect(reloaded.pocoItem.count).toBe(2);
    expect(reloaded.pocoStoreItem.count).toBe(2);
    expect(reloaded.pocoStoreItem.eTag).not.toBe(firstETag);

    pocoItem.count = 123;
    await expect(storage.write({ pocoItem })).resolves.toBeUndefined();

    pocoStoreItem.count = 123; // still carries firstETag, which is stale now
    await expect(storage.write({ pocoStoreItem })).rejects.toThrow(/eTag conflict/);

    const afterConflict = await storage.read(['pocoItem', 'pocoStoreItem']);
    expect(afterConflict.pocoItem.count).toBe(123);
    expect(afterConflict.pocoStoreItem.count).toBe(2);

    afterConflict.pocoItem.count = 100;
    afterConflict.pocoStoreItem.count = 100;
    afterConflict.pocoStoreItem.eTag = '*';
    afterConflict.pocoItem.eTag = '*';
    await storage.write(afterConflict);

    const final = await storage.read(['pocoItem', 'pocoStoreItem']);
    expect(final.pocoItem.count).toBe(100);
    expect(final.pocoStoreItem.count).toBe(100);
  });

  it('deletes an object', async () => {
    await storage.write({ delete1: { id: 1, count: 1 } });
    expect((await storage.read(['delete1'])).delete1.count).toBe(1);

    await storage.delete(['delete1']);
    expect((await storage.read(['delete1'])).delete1).toBeUndefined();
  });

  it('does not throw when deleting an unknown object', async () => {
    await expect(storage.delete(['unknown_key'])).resolves.toBeUndefined();
  });

  it('performs batch operations', async () => {
    await storage.write({ batch1: { count: 10 }, batch2: { count: 20 }, batch3: { count: 30 } });
    const read = await storage.read(['batch1', 'batch2', 'batch3']);
    expect([read.batch1.count, read.batch2.count, read.batch3.count]).toEqual([10, 20, 30]);
    for (const item of Object.values(read)) expect(item.eTag).toEqual(expect.any(String));

    await storage.delete(['batch1', 'batch2', 'batch3']);
    expect(await storage.read(['batch1', 'batch2', 'batch3'])).toEqual({});
  });
});

describe('ConversationState on StoreStorage', () => {
  /** A bot that counts the messages in a conversation, keeping the count in conversation state. */
  function countingBot(): TestAdapter {
    const conversationState = new ConversationState(storage);
    const count = conversationState.createProperty<number>('count');
    return new TestAdapter(async (context) => {
      const next = (await count.get(context, 0)) + 1;
      await count.set(context, next);
      await context.sendActivity(`message ${next}`);
    }).use(new AutoSaveStateMiddleware(conversationState));
  }

  it('keeps a property across turns, and across closing and reopening the store', async () => {
    await countingBot().send('hi').assertReply('message 1').send('again').assertReply('message 2').startTest();

    await store.close();
    await openStore();
    await countingBot().send('back').assertReply('message 3').startTest();
  });
});
