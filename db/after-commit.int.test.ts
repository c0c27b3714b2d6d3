import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { afterCommit, beforeCommit, inTransaction } from './after-commit';

let database: TTestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const txid = async (handle: { execute: TTestDatabase['db']['execute'] }) =>
  (await handle.execute<{ id: string | null }>(sql`select pg_current_xact_id_if_assigned()::text as id`))[0]!.id;

describe('work registered with a transaction runs with its outcome', () => {
  it('runs after-commit work once the transaction has committed, in the order it was registered', async () => {
    const ran: string[] = [];
    await database.db.transaction(async (tx) => {
      await afterCommit(tx, () => ran.push('first'));
      await afterCommit(tx, () => ran.push('second'));
      expect(inTransaction(tx)).toBe(true);
      expect(ran).toEqual([]);
    });
    expect(ran).toEqual(['first', 'second']);
  });

  it('hands after-commit work the handle the transaction was opened on', async () => {
    let handle: unknown;
    await database.db.transaction(async (tx) => afterCommit(tx, (db) => (handle = db)));
    expect(handle).toBe(database.db);
  });

  it('runs work at once outside a transaction', async () => {
    const ran: string[] = [];
    expect(inTransaction(database.db)).toBe(false);
    await afterCommit(database.db, () => ran.push('after'));
    await beforeCommit(database.db, () => ran.push('before'));
    expect(ran).toEqual(['after', 'before']);
  });

  it('never runs the work of a transaction that rolled back', async () => {
    const ran: string[] = [];
    await expect(
      database.db.transaction(async (tx) => {
        await afterCommit(tx, () => ran.push('after'));
        await beforeCommit(tx, () => ran.push('before'));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(ran).toEqual([]);
  });

  it('keeps a released savepoint’s work in order and drops a rolled-back one’s', async () => {
    const ran: string[] = [];
    await database.db.transaction(async (tx) => {
      await afterCommit(tx, () => ran.push('outer'));
      await tx
        .transaction(async (inner) => {
          await afterCommit(inner, () => ran.push('rolled back'));
          throw new Error('savepoint');
        })
        .catch(() => {});
      await tx.transaction(async (inner) => {
        await inner.transaction(async (deeper) => afterCommit(deeper, () => ran.push('released, nested')));
        await afterCommit(inner, () => ran.push('released'));
      });
      await afterCommit(tx, () => ran.push('outer, last'));
    });
    expect(ran).toEqual(['outer', 'released, nested', 'released', 'outer, last']);
  });

  it('runs before-commit work inside the outermost transaction after its code, including work it adds', async () => {
    const ran: string[] = [];
    let inside: string | null = null;
    let hookSaw: string | null = null;
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_current_xact_id()`);
      inside = await txid(tx);
      await tx.transaction(async (inner) =>
        beforeCommit(inner, async (outermost) => {
          hookSaw = await txid(outermost);
          ran.push('from savepoint');
          await beforeCommit(outermost, () => ran.push('added by a hook'));
        }),
      );
      ran.push('code done');
    });
    expect(hookSaw).not.toBeNull();
    expect(hookSaw).toBe(inside);
    expect(ran).toEqual(['code done', 'from savepoint', 'added by a hook']);
  });
});
