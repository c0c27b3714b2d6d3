import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '@/db/schema';
import { DEFAULT_RATE_CARD } from '@/server/domain/rate-card';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';

let database: TTestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function workspace(name = 'Rates') {
  const db = database.db;
  const ws = await createWorkspace(db, name);
  const admin = await createUser(db, ws.id, 'admin', 'Hala');
  const agent = await createUser(db, ws.id, 'agent', 'Sara');
  const supervisor = await createUser(db, ws.id, 'supervisor', 'Omar');
  return { ws, admin, agent, supervisor, caller: callerFor(db, admin.id) };
}

describe('pricing.card and pricing.saveCard', () => {
  it('reads the default card until a save, then stores only the filled cells and audits each changed cell', async () => {
    const { ws, admin, caller } = await workspace();
    const read = await caller.pricing.card();
    expect(read).toEqual({ currency: 'USD', overrides: {}, defaults: DEFAULT_RATE_CARD, defaultsDate: '2025-07-01', version: 0 });

    const saved = await caller.pricing.saveCard({
      currency: 'usd',
      rates: { SA: { marketing: '0.05' }, AE: {}, DE: { marketing: '0.1365', utility: '0.0456' } },
      version: 0,
    });
    expect(saved).toMatchObject({
      currency: 'USD',
      overrides: { SA: { marketing: '0.05' }, DE: { marketing: '0.1365', utility: '0.0456' } },
      version: 1,
    });
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, ws.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'workspace.rateCardChanged', actorId: admin.id, subjectType: 'workspace', subjectId: ws.id });
    expect(audit[0]!.data).toEqual({ 'SA.marketing': [null, '0.05'], 'DE.marketing': [null, '0.1365'], 'DE.utility': [null, '0.0456'] });

    // The same card again changes nothing: no new version, no audit line.
    expect((await caller.pricing.saveCard({ currency: 'USD', rates: saved.overrides, version: 1 })).version).toBe(1);
    const next = await caller.pricing.saveCard({ currency: 'SAR', rates: { SA: { marketing: '0.17' } }, version: 1 });
    expect(next).toMatchObject({ currency: 'SAR', overrides: { SA: { marketing: '0.17' } }, version: 2 });
    const last = (await database.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, ws.id))).at(-1)!;
    expect(last.data).toEqual({
      currency: ['USD', 'SAR'],
      'SA.marketing': ['0.05', '0.17'],
      'DE.marketing': ['0.1365', null],
      'DE.utility': ['0.0456', null],
    });
  });

  it('gives a stale form a conflict, and exactly one of two first saves wins', async () => {
    const { ws, caller } = await workspace();
    const other = callerFor(database.db, (await createUser(database.db, ws.id, 'admin', 'Nora')).id);
    const results = await Promise.allSettled([
      caller.pricing.saveCard({ currency: 'USD', rates: { SA: { marketing: '0.01' } }, version: 0 }),
      other.pricing.saveCard({ currency: 'USD', rates: { SA: { marketing: '0.02' } }, version: 0 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'CONFLICT', cause: { code: 'CONFLICT', detail: 'rateCardChanged' } },
    });
    await expect(other.pricing.saveCard({ currency: 'USD', rates: {}, version: 0 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await caller.pricing.card()).version).toBe(1);
  });

  it('refuses a negative, malformed or oversized rate and an unknown currency with the catalog key of each', async () => {
    const { caller } = await workspace();
    for (const [rates, currency, message] of [
      [{ SA: { marketing: '-0.01' } }, 'USD', 'rateNegative'],
      [{ SA: { utility: '0.1234567' } }, 'USD', 'rateFormat'],
      [{ SA: { utility: '5000' } }, 'USD', 'rateTooLarge'],
      [{}, 'XYZ', 'currencyUnknown'],
    ] as const) {
      await expect(caller.pricing.saveCard({ currency, rates, version: 0 })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        cause: { issues: [expect.objectContaining({ message })] },
      });
    }
    expect((await caller.pricing.card()).version).toBe(0);
  });

  it('is for admins only: agents and supervisors are refused, and nothing is saved', async () => {
    const { agent, supervisor, caller } = await workspace();
    for (const user of [agent, supervisor]) {
      const them = callerFor(database.db, user.id);
      await expect(them.pricing.card()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(them.pricing.saveCard({ currency: 'USD', rates: { SA: { marketing: '9' } }, version: 0 })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    expect((await caller.pricing.card()).overrides).toEqual({});
  });

  it('refuses an admin acting in another workspace’s id, and saves only into the caller’s own', async () => {
    const mine = await workspace('Mine');
    const theirs = await workspace('Theirs');
    const intruder = callerFor(database.db, mine.admin.id, theirs.ws.id);
    await expect(intruder.pricing.saveCard({ currency: 'USD', rates: { SA: { marketing: '9' } }, version: 0 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(intruder.pricing.card()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await theirs.caller.pricing.card()).overrides).toEqual({});
  });
});

describe('pricing.forConversation', () => {
  it('gives the recipient’s country and the workspace’s card, and refuses another workspace’s conversation', async () => {
    const mine = await workspace('Picker');
    const theirs = await workspace('Elsewhere');
    const channel = await createChannel(database.db, mine.ws.id, 'whatsapp');
    const { conversation } = await createConversation(database.db, { workspaceId: mine.ws.id, channel, phone: '+971501112233' });
    await mine.caller.pricing.saveCard({ currency: 'USD', rates: { AE: { marketing: '0.04' } }, version: 0 });
    const agent = callerFor(database.db, mine.agent.id);
    const context = await agent.pricing.forConversation({ conversationId: conversation.id });
    expect(context).toMatchObject({ country: 'AE', businessCountry: 'SA', card: { currency: 'USD' } });
    expect(context.card.rates.AE).toEqual({ ...DEFAULT_RATE_CARD.rates.AE, marketing: '0.04' });
    await expect(theirs.caller.pricing.forConversation({ conversationId: conversation.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
