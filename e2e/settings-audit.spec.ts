import { sql } from 'drizzle-orm';
import type { TDatabase } from '../db/client';
import * as s from '../db/schema';
import { E2E_PASSWORD, expect, signInAndOpenInbox, test } from './fixtures';

type TSeedAct = {
  action: string;
  actorId: string | null;
  /** ISO 8601; PostgreSQL keeps it to the microsecond. */
  at: string;
  subject: { type: string; id?: string };
  data?: Record<string, unknown>;
};

/**
 * Acts as the sections record them with recordAudit (a row of audit_events each), at fixed instants so the order,
 * the date filter and the shown dates are known. Action names other sections add may be new to this build.
 */
async function recordActs(database: TDatabase, workspaceId: string, acts: TSeedAct[]) {
  await database.db.insert(s.auditEvents).values(
    acts.map((act) => ({
      workspaceId,
      actorId: act.actorId,
      action: act.action,
      subjectType: act.subject.type,
      subjectId: act.subject.id ?? null,
      data: act.data ?? {},
      createdAt: sql`${act.at}::timestamptz`,
    })),
  );
}

test.use({ timezoneId: 'Asia/Riyadh' });

test('an admin reads the audit log newest first and filters it by action, actor and dates', async ({ page, workspace, seedDatabase }) => {
  const { admin, supervisor, agent1 } = workspace.users;
  await recordActs(seedDatabase, workspace.id, [
    { action: 'workspace.created', actorId: null, at: '2026-01-10T09:00:00Z', subject: { type: 'workspace', id: workspace.id } },
    {
      action: 'channel.e2e_renamed',
      actorId: admin.id,
      at: '2026-01-12T09:00:00Z',
      subject: { type: 'channel', id: workspace.channels.riyadh.id },
      data: { name: ['Riyadh', 'WhatsApp · Riyadh'], accessToken: '[changed]' },
    },
    {
      action: 'user.e2e_role_changed',
      actorId: supervisor.id,
      at: '2026-01-14T09:00:00Z',
      subject: { type: 'user', id: agent1.id },
      data: { role: ['agent', 'supervisor'] },
    },
    // 22:30 UTC on the 14th is already the 15th in Riyadh.
    { action: 'future.unknown_act', actorId: admin.id, at: '2026-01-14T22:30:00Z', subject: { type: 'invite' }, data: { email: 'new@example.com' } },
  ]);
  await signInAndOpenInbox(page, admin.email);
  await expect(page.getByRole('link', { name: 'Settings' })).toBeVisible();
  // Straight to a section: /settings opens the first one (Channels), another part of the Settings work.
  await page.goto('/settings/templates');
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveURL(/\/settings\/audit$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Audit log' })).toBeVisible();

  const rows = page.getByRole('table', { name: 'Audit log' }).locator('tbody tr');
  await expect(rows).toHaveCount(4);
  // Newest first; an action this build has no sentence for shows by its raw name.
  await expect(rows.getByTestId('audit-action')).toHaveText([
    'Action future.unknown_act',
    'Action user.e2e_role_changed',
    'Action channel.e2e_renamed',
    'Created the workspace',
  ]);
  await expect(rows.getByTestId('audit-actor')).toHaveText(['Lina Haddad', 'Omar Khalil', 'Lina Haddad', 'System']);
  await expect(rows.getByTestId('audit-subject')).toHaveText(['Invite', 'Sara Al-Qahtani', 'WhatsApp · Riyadh', 'Workspace']);
  await expect(rows.nth(1).getByTestId('audit-changes')).toHaveText('Role: agent → supervisor');
  await expect(rows.nth(2).getByTestId('audit-changes').getByRole('listitem')).toHaveText([
    'Name: Riyadh → WhatsApp · Riyadh',
    'Access token: changed (hidden)',
  ]);
  // Dates in the reader's language and time zone.
  await expect(rows.nth(0).locator('time')).toHaveText(/^Jan 15, 2026, 0?1:30\sAM$/);

  await page.getByLabel('Action').selectOption({ label: 'Every channel action' });
  await expect(rows.getByTestId('audit-action')).toHaveText(['Action channel.e2e_renamed']);
  await page.getByLabel('Action').selectOption({ label: 'Created the workspace' });
  await expect(rows.getByTestId('audit-actor')).toHaveText(['System']);
  await page.getByLabel('Action').selectOption({ label: 'All actions' });
  await page.getByLabel('Actor').selectOption({ label: 'Lina Haddad' });
  await expect(rows).toHaveCount(2);
  await page.getByLabel('Actor').selectOption({ label: 'Everyone' });

  // Days in the reader's calendar, both ends included.
  await page.getByLabel('From', { exact: true }).fill('2026-01-12');
  await page.getByLabel('To', { exact: true }).fill('2026-01-14');
  await expect(rows.getByTestId('audit-action')).toHaveText(['Action user.e2e_role_changed', 'Action channel.e2e_renamed']);
  await page.reload();
  await expect(rows).toHaveCount(2);
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('2026-01-12');

  // An end before the start is said, and lists nothing (the server is not asked).
  await page.getByLabel('From', { exact: true }).fill('2026-01-15');
  await expect(page.getByRole('alert').filter({ hasText: 'The end date is before the start date.' })).toBeVisible();
  await expect(rows).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(4);
});

test('"Show more" pages through acts that share one instant, each once', async ({ page, workspace, seedDatabase }) => {
  // Sixty acts of one transaction: one timestamp, told apart by their ids.
  await recordActs(
    seedDatabase,
    workspace.id,
    Array.from({ length: 60 }, (_, i) => ({
      action: 'team.e2e_bulk',
      actorId: workspace.users.admin.id,
      at: '2026-02-01T12:00:00.123456Z',
      subject: { type: 'team' },
      data: { n: i },
    })),
  );
  await signInAndOpenInbox(page, workspace.users.admin.email);
  await page.goto('/settings/audit');
  const rows = page.getByRole('table', { name: 'Audit log' }).locator('tbody tr');
  await expect(rows).toHaveCount(50);
  await page.getByRole('button', { name: 'Show more' }).click();
  await expect(rows).toHaveCount(60);
  await expect(page.getByRole('button', { name: 'Show more' })).toHaveCount(0);
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-audit-id'))));
  expect(new Set(ids).size).toBe(60);
  expect(ids).toEqual([...ids].sort((a, b) => b - a));
  await expect(rows.first().getByTestId('audit-changes')).toHaveText('n: 59');
});

test.describe('in Arabic', () => {
  test.use({ locale: 'ar-SA' });

  test('an Arabic admin reads and filters the audit log in Arabic', async ({ page, workspace, seedDatabase }) => {
    const admin = await workspace.addUser('admin', 'ريم الحربي', { locale: 'ar' });
    await recordActs(seedDatabase, workspace.id, [
      { action: 'workspace.created', actorId: null, at: '2026-01-10T09:00:00Z', subject: { type: 'workspace', id: workspace.id } },
      {
        action: 'user.e2e_role_changed',
        actorId: admin.id,
        at: '2026-01-11T09:00:00Z',
        subject: { type: 'user', id: workspace.users.agent2.id },
        data: { role: ['agent', 'supervisor'] },
      },
    ]);
    await page.goto('/login');
    await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).fill(admin.email);
    await page.getByLabel('كلمة المرور').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'دخول' }).click();
    await expect(page.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();
    await page.goto('/settings/audit');
    await expect(page.getByRole('heading', { level: 2, name: 'سجل التدقيق' })).toBeVisible();
    const rows = page.getByRole('table', { name: 'سجل التدقيق' }).locator('tbody tr');
    await expect(rows.getByTestId('audit-action')).toHaveText(['الإجراء user.e2e_role_changed', 'أنشأ مساحة العمل']);
    await expect(rows.getByTestId('audit-actor')).toHaveText(['ريم الحربي', 'النظام']);
    await expect(rows.first().getByTestId('audit-changes')).toHaveText('\u200fالدور: agent ← supervisor');
    // The date in Arabic, with the workspace's Arabic-Indic digits.
    await expect(rows.last().locator('time')).toHaveText(/^١٠‏\/٠١‏\/٢٠٢٦/);

    await page.getByLabel('المنفّذ').selectOption({ label: 'النظام' });
    await expect(rows.getByTestId('audit-action')).toHaveText(['أنشأ مساحة العمل']);
    await expect(page).toHaveURL(/actor=system/);
  });
});
