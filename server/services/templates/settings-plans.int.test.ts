import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '@/db/client';
import * as schema from '@/db/schema';
import { listAuditEvents } from '@/server/services/audit/list';
import { ZAuditListInput } from '@/server/services/audit/schemas';
import { resolveWorkspace } from '@/server/services/workspaces/context';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createChannel, createTemplate, createUser, createWorkspace } from '@/server/testing/factories';
import { listTemplates } from './list';
import { ZTemplateListInput } from './schemas';

/**
 * Settings → Templates and Audit log page through tables that grow without bound (every template of every number,
 * every act ever): each page must read its index in order, never sort what matched. With sorting disabled the
 * planner picks a Sort only when no index gives the order, so a Sort node in a page's plan fails here.
 */
let database: TTestDatabase;
let captured: { query: string; params: unknown[] }[] = [];
let capturing: TDb;

beforeAll(async () => {
  database = await createTestDatabase();
  capturing = drizzle(database.sql, {
    schema,
    logger: { logQuery: (query, params) => captured.push({ query, params: [...params] }) },
  }) as unknown as TDb;
});
afterAll(() => database.drop());

/** The plans of the ordered queries `run` made (the page itself; lookups by id have no order to keep). */
async function pagePlans(run: () => Promise<unknown>): Promise<string[]> {
  captured = [];
  await run();
  const plans: string[] = [];
  for (const { query, params } of captured.filter((c) => /order by/i.test(c.query))) {
    const bound = params.map((p) => (p instanceof Date ? p.toISOString() : p)) as never[];
    const rows = await database.sql.begin(async (tx) => {
      await tx`set local enable_sort = off`;
      return tx.unsafe<{ 'QUERY PLAN': string }[]>(`explain ${query}`, bound);
    });
    plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
  return plans;
}

describe('settings list plans', () => {
  it('page through templates by templates_workspace_list_idx, filtered or not, first page and next', async () => {
    const ws = await createWorkspace(database.db, 'Template plans');
    const admin = await createUser(database.db, ws.id, 'admin');
    const channel = await createChannel(database.db, ws.id, 'whatsapp');
    for (let i = 0; i < 30; i++)
      await createTemplate(database.db, {
        workspaceId: ws.id,
        channelId: channel.id,
        name: `t_${i}`,
        language: i % 2 ? 'en' : 'ar',
        category: i % 3 ? 'UTILITY' : 'MARKETING',
        status: i % 4 ? 'APPROVED' : 'REJECTED',
        components: [{ type: 'BODY', text: 'Hi' }],
      });
    const workspace = (await resolveWorkspace(database.db, admin.id, ws.id))!;
    for (const filters of [{}, { channelId: channel.id }, { status: 'REJECTED' as const }, { category: 'MARKETING' as const }]) {
      const first = await listTemplates(database.db, workspace, ZTemplateListInput.parse({ ...filters, limit: 5 }));
      for (const input of [{ ...filters, limit: 5 }, { ...filters, limit: 5, cursor: first.nextCursor }]) {
        const plans = await pagePlans(() => listTemplates(capturing, workspace, ZTemplateListInput.parse(input)));
        expect(plans).toHaveLength(1);
        expect(plans[0], JSON.stringify(input)).not.toMatch(/\bSort\b/);
        expect(plans[0], JSON.stringify(input)).toContain('templates_workspace_list_idx');
      }
    }
  });

  it('page through the audit log by its (workspace, created_at, id) indexes, whatever the filter', async () => {
    const ws = await createWorkspace(database.db, 'Audit plans');
    const admin = await createUser(database.db, ws.id, 'admin');
    await database.db.insert(schema.auditEvents).values(
      Array.from({ length: 40 }, (_, i) => ({
        workspaceId: ws.id,
        actorId: i % 2 ? admin.id : null,
        action: ['channel.connected', 'user.invited', 'team.created'][i % 3]!,
        subjectType: 'workspace',
        createdAt: sql`now() - ${`${i} hours`}::interval`,
      })),
    );
    const workspace = (await resolveWorkspace(database.db, admin.id, ws.id))!;
    for (const filters of [
      {},
      { group: 'channel' as const },
      { action: 'user.invited' },
      { actor: admin.id },
      { actor: 'system' as const },
      { from: new Date(Date.now() - 20 * 3_600_000), to: new Date() },
    ]) {
      const first = await listAuditEvents(database.db, workspace, ZAuditListInput.parse({ ...filters, limit: 5 }));
      for (const input of [{ ...filters, limit: 5 }, { ...filters, limit: 5, cursor: first.nextCursor }]) {
        const plans = await pagePlans(() => listAuditEvents(capturing, workspace, ZAuditListInput.parse(input)));
        expect(plans).toHaveLength(1);
        expect(plans[0], JSON.stringify(input)).not.toMatch(/\bSort\b/);
        expect(plans[0], JSON.stringify(input)).toMatch(/audit_events_workspace(_action)?_idx/);
      }
    }
  });
});
