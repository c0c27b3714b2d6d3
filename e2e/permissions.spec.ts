import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { PERMISSION_CASES, type TPerson } from '../server/domain/permission-cases';
import type { TAction, TRole } from '../server/domain/permissions';
import { trpcMutation, trpcQuery } from './api';
import { expect, signInAndOpenInbox, test } from './fixtures';

/**
 * What each role is offered on screen, held to the permission table the server is held to (the unit and
 * integration tests of server/domain/permission-cases.ts): Close, Reopen, Assign to me, the assignee control's
 * choices, bulk selection, the All view and the Numbers link, in a workspace of its own (the fixture's), with
 * conversations written in through the simulator.
 */

/** The table's answer for a role, an action and (relative to the actor) a subject, in a workspace where agents see all. */
function allowed(role: TRole, action: TAction, subject?: { assignee: TPerson; next?: TPerson }): boolean {
  const row = PERMISSION_CASES.find(
    (c) =>
      c.action === action &&
      c.agentsSeeAll === undefined &&
      c.subject?.assignee === subject?.assignee &&
      c.subject?.next === subject?.next,
  );
  if (!row) throw new Error(`the permission table has no row for ${action} ${JSON.stringify(subject)}`);
  return row.allowed[role];
}

type TMember = { id: string; name: string };

async function newConversation(request: APIRequestContext, channelId: string, name: string): Promise<string> {
  const from = `+9665${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const result = await trpcMutation<{ conversationId: string }>(request, 'simulator.inbound', { channelId, from, name, text: 'Hello' });
  return result.conversationId;
}

test('each role is offered exactly the actions the permission table allows it', async ({ browser, workspace }) => {
  test.setTimeout(120_000);
  const ACTORS = [
    { role: 'agent', user: workspace.users.agent1 },
    { role: 'supervisor', user: workspace.users.supervisor },
    { role: 'admin', user: workspace.users.admin },
  ] as const;
  /** Someone who is none of the actors: the "other" of the table. */
  const OTHER = workspace.users.agent2;
  const run = randomUUID().slice(0, 8);
  const tag = `Perm${run}`;

  // The admin writes in this run's conversations and assigns them (as the server allows an admin to).
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signInAndOpenInbox(adminPage, ACTORS[2].user.email);
  const setup = adminPage.request;
  const { members } = await trpcQuery<{ members: TMember[] }>(setup, 'conversation.filterOptions');
  const idOf = (name: string) => members.find((m) => m.name === name)!.id;
  const channels = await trpcQuery<{ id: string; type: string }[]>(setup, 'simulator.channels');
  const channel = channels.find((c) => c.type === 'telegram') ?? channels.find((c) => c.type !== 'whatsapp') ?? channels[0]!;

  const unassigned = await newConversation(setup, channel.id, `${tag} Unassigned`);
  const others = await newConversation(setup, channel.id, `${tag} Others`);
  await trpcMutation(setup, 'conversation.assign', { id: others, assigneeId: idOf(OTHER.name) });
  const closed = await newConversation(setup, channel.id, `${tag} Closed`);
  await trpcMutation(setup, 'conversation.close', { id: closed });
  const mine = new Map<TRole, string>();
  for (const { role, user } of ACTORS) {
    const id = await newConversation(setup, channel.id, `${tag} Mine ${role}`);
    await trpcMutation(setup, 'conversation.assign', { id, assigneeId: idOf(user.name) });
    mine.set(role, id);
  }
  await adminContext.close();

  for (const { role, user } of ACTORS) {
    await test.step(role, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInAndOpenInbox(page, user.email);
      // The sidebar shows the signed-in user once `me` has loaded: from then on every control has its final form.
      await expect(page.getByRole('group', { name: 'Account' })).toContainText(user.name);
      const sidebarLink = (name: string) => page.getByRole('link', { name, exact: true });
      await expect(sidebarLink('Numbers')).toHaveCount(allowed(role, 'number.manage') ? 1 : 0);
      await expect(sidebarLink('Settings')).toHaveCount(allowed(role, 'settings.view') ? 1 : 0);
      await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^All/ })).toHaveCount(
        allowed(role, 'conversation.seeAll') ? 1 : 0,
      );

      const people: Record<Exclude<TPerson, null>, string> = { me: user.name, other: OTHER.name };
      const cases: { id: string; assignee: TPerson; status: 'Open' | 'Closed' }[] = [
        { id: mine.get(role)!, assignee: 'me', status: 'Open' },
        { id: others, assignee: 'other', status: 'Open' },
        { id: unassigned, assignee: null, status: 'Open' },
        { id: closed, assignee: null, status: 'Closed' },
      ];
      for (const c of cases) {
        await openConversation(page, { tag, id: c.id, status: c.status, userName: user.name });
        const pane = page.getByRole('region', { name: 'Conversation' });
        const open = c.status === 'Open';
        await expect(pane.getByRole('button', { name: 'Close conversation' })).toHaveCount(
          open && allowed(role, 'conversation.close', { assignee: c.assignee }) ? 1 : 0,
        );
        await expect(pane.getByRole('button', { name: 'Reopen conversation' })).toHaveCount(!open && allowed(role, 'conversation.reopen') ? 1 : 0);
        await expect(pane.getByRole('button', { name: 'Assign to me' })).toHaveCount(
          c.assignee === null && allowed(role, 'conversation.assign', { assignee: null, next: 'me' }) ? 1 : 0,
        );

        // Each choice of the assignee control is offered exactly when the change it makes is allowed.
        const select = pane.getByRole('combobox', { name: 'Assignee' });
        const choices: { next: TPerson; option: Locator }[] = [
          { next: null, option: select.locator('option[value=""]') },
          { next: 'me', option: select.locator(`option[value="${idOf(people.me)}"]`) },
          { next: 'other', option: select.locator(`option[value="${idOf(people.other)}"]`) },
        ];
        let anyChange = false;
        for (const { next, option } of choices) {
          if (next === c.assignee) continue;
          const may = allowed(role, 'conversation.assign', { assignee: c.assignee, next });
          anyChange ||= may;
          await expect(option, `${role}: ${c.assignee ?? 'nobody'} → ${next ?? 'nobody'}`).toHaveJSProperty('disabled', !may);
        }
        if (anyChange) await expect(select).toBeEnabled();
        else await expect(select).toBeDisabled();
      }

      // Bulk selection: a checkbox on every row, or on none.
      const list = page.getByRole('list', { name: 'Conversations' });
      await expect(list.getByRole('listitem').first()).toBeVisible();
      await expect(list.getByRole('checkbox')).toHaveCount(allowed(role, 'conversation.bulk') ? await list.getByRole('listitem').count() : 0);
      await context.close();
    });
  }
});

/**
 * Opens one of this run's conversations by its URL, in the list of this run's conversations, and waits until what the
 * controls depend on has loaded: the conversation, the signed-in user (`me`, behind usePermissions) and the members.
 */
async function openConversation(page: Page, { tag, id, status, userName }: { tag: string; id: string; status: 'Open' | 'Closed'; userName: string }) {
  const params = new URLSearchParams({ view: 'all', q: tag, c: id });
  if (status === 'Closed') params.set('status', 'closed');
  await page.goto(`/inbox?${params.toString()}`);
  const pane = page.getByRole('region', { name: 'Conversation' });
  await expect(pane.getByTestId('conversation-status')).toHaveText(status);
  await expect(page.getByRole('group', { name: 'Account' })).toContainText(userName);
  await expect(pane.getByRole('combobox', { name: 'Assignee' }).locator('option')).not.toHaveCount(1);
}
