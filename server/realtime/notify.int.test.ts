import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { REALTIME_CHANNEL, type TRealtimeEvent } from './events';
import { notify } from './notify';

let database: TTestDatabase;
const heard: TRealtimeEvent[] = [];
let unlisten: () => Promise<void>;

beforeAll(async () => {
  database = await createTestDatabase();
  const listener = await database.sql.listen(REALTIME_CHANNEL, (payload) => heard.push(JSON.parse(payload) as TRealtimeEvent));
  unlisten = listener.unlisten;
});
afterAll(async () => {
  await unlisten();
  await database.drop();
});

const event = (channelId: string): TRealtimeEvent => ({ type: 'number.changed', workspaceId: 'w', channelId });
/** A marker event published last: once it is heard, everything published before it has been too. */
async function settle(marker: string) {
  await notify(database.db, event(marker));
  await expect.poll(() => heard.some((e) => e.type === 'number.changed' && e.channelId === marker)).toBe(true);
}
const heardIds = () => heard.map((e) => (e.type === 'number.changed' ? e.channelId : e.type));

describe('realtime events leave after commit', () => {
  it('publishes a transaction’s events in order, only once it has committed', async () => {
    let heardInside: string[] = [];
    await database.db.transaction(async (tx) => {
      await notify(tx, event('a1'));
      await notify(tx, event('a2'));
      // A marker sent on another connection while the transaction is still open: the listener hears notifications in
      // commit order, so a premature a1 or a2 would arrive before it.
      await settle('a-inside');
      heardInside = heardIds().filter((id) => id.startsWith('a'));
    });
    await settle('a-end');
    expect(heardInside).toEqual(['a-inside']);
    expect(heardIds().filter((id) => id.startsWith('a'))).toEqual(['a-inside', 'a1', 'a2', 'a-end']);
  });

  it('drops the events of a rolled-back transaction, and of a rolled-back savepoint only', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await notify(tx, event('b-rolled-back'));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await database.db.transaction(async (tx) => {
      await notify(tx, event('b-outer'));
      await tx
        .transaction(async (inner) => {
          await notify(inner, event('b-savepoint'));
          throw new Error('savepoint');
        })
        .catch(() => {});
      await tx.transaction(async (inner) => notify(inner, event('b-released')));
    });
    await settle('b-end');
    expect(heardIds().filter((id) => id.startsWith('b'))).toEqual(['b-outer', 'b-released', 'b-end']);
  });

  it('never turns off durable commits for the data itself', async () => {
    await database.db.transaction(async (tx) => {
      await notify(tx, event('c1'));
      const [row] = await tx.execute<{ setting: string }>(sql`select current_setting('synchronous_commit') as setting`);
      expect(row!.setting).toBe('on');
    });
  });
});
