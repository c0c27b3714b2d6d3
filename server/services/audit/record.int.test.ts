import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '@/db/schema';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createUser, createWorkspace } from '@/server/testing/factories';
import { recordAudit } from './record';

let database: TTestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('recordAudit', () => {
  it('stores the act with its actor and subject, and never a secret-looking field', async () => {
    const ws = await createWorkspace(database.db, 'Audited');
    const admin = await createUser(database.db, ws.id, 'admin');
    await recordAudit(database.db, {
      workspaceId: ws.id,
      actorId: admin.id,
      action: 'workspace.created',
      subject: { type: 'workspace', id: ws.id },
      data: { name: [null, 'Audited'], accessToken: 'EAAG-secret', appSecret: 'shh', password: 'p' },
    });
    const [row] = await database.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, ws.id));
    expect(row).toMatchObject({ actorId: admin.id, action: 'workspace.created', subjectType: 'workspace', subjectId: ws.id });
    expect(row!.data).toEqual({ name: [null, 'Audited'], accessToken: '[changed]', appSecret: '[changed]', password: '[changed]' });
  });

  it('rolls back with the act it records', async () => {
    const ws = await createWorkspace(database.db, 'Rolled back');
    await expect(
      database.db.transaction(async (tx) => {
        await recordAudit(tx, { workspaceId: ws.id, actorId: null, action: 'workspace.created', subject: { type: 'workspace', id: ws.id } });
        throw new Error('the act failed');
      }),
    ).rejects.toThrow('the act failed');
    expect(await database.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, ws.id))).toEqual([]);
  });
});
