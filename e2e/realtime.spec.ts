import { randomUUID } from 'node:crypto';
import { textMessageEnvelope } from '../server/channels/whatsapp/envelopes';
import { trpcMutation, trpcQuery } from './api';
import { expect, signInAndOpenInbox, test } from './fixtures';
import { signInOverHttp } from './session';
import { postSignedWebhook } from './webhooks';

test('two browsers: a customer message through the simulator appears in the other browser without a reload', async ({
  browser,
  request,
  workspace,
}) => {
  const agentContext = await browser.newContext();
  const supervisorContext = await browser.newContext();
  const agent = await agentContext.newPage();
  const supervisor = await supervisorContext.newPage();
  await signInAndOpenInbox(agent, workspace.users.agent1.email);
  await signInAndOpenInbox(supervisor, workspace.users.supervisor.email);
  await agent
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: /^Unassigned/ })
    .click();
  await supervisor.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^All/ }).click();
  await expect(agent.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await expect(supervisor.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

  const unassignedLink = agent.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Unassigned/ });
  const before = Number((await unassignedLink.locator('[data-count]').textContent()) ?? '0');

  await signInOverHttp(request, workspace.users.admin.email);
  const riyadh = workspace.channels.riyadh;
  const name = 'Realtime Customer';
  await trpcMutation(request, 'simulator.inbound', {
    channelId: riyadh.id,
    from: '+966500000101',
    name,
    text: 'Is anyone there?',
  });

  for (const page of [agent, supervisor]) {
    const row = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Is anyone there?');
  }
  await expect(unassignedLink.locator('[data-count]')).toHaveText(String(before + 1));

  // The open pane appends the next message live.
  await agent.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name }).click();
  await expect(agent.getByRole('heading', { level: 2, name })).toBeVisible();
  const conversation = await trpcQuery<{ items: { id: string; displayName: string }[] }>(request, 'conversation.list', {
    view: 'unassigned',
    q: name,
  });
  expect(conversation.items).toHaveLength(1);
  await trpcMutation(request, 'simulator.inbound', {
    channelId: riyadh.id,
    from: '+966500000102',
    name: 'Someone Else',
    text: 'unrelated',
  });
  const phone = (await trpcQuery<{ contact: { phone: string } }>(request, 'conversation.get', { id: conversation.items[0]!.id })).contact
    .phone;
  await trpcMutation(request, 'simulator.inbound', { channelId: riyadh.id, from: phone, name, text: 'Second message, live' });
  await expect(agent.getByRole('log', { name: 'Messages' }).getByText('Second message, live')).toBeVisible();

  await agentContext.close();
  await supervisorContext.close();
});

test('a signed WhatsApp webhook posted to the app appears in an open browser live', async ({ page, request, workspace }) => {
  const number = workspace.channels.riyadh;
  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: /^Unassigned/ })
    .click();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

  const waId = '966500000202';
  const name = 'Webhook Customer';
  const body = JSON.stringify(
    textMessageEnvelope({
      phoneNumberId: number.phoneNumberId!,
      displayPhoneNumber: number.displayPhoneNumber!,
      from: waId,
      name,
      id: `wamid.e2e.${randomUUID()}`,
      body: 'مرحبا، هل الطلب جاهز؟',
    }),
  );
  await postSignedWebhook(request, number, body);
  const bad = await request.post(`/api/webhooks/whatsapp/${number.phoneNumberId}`, {
    data: body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=00' },
  });
  expect(bad.status()).toBe(401);

  const row = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name });
  await expect(row).toBeVisible();
  await expect(row).toContainText('مرحبا، هل الطلب جاهز؟');
  await expect(row.getByRole('timer')).toHaveAttribute('data-window-state', 'open');
});

test('an inbound message reaches a listening tab without any conversation.row call or counts refetch', async ({
  page,
  request,
  workspace,
}) => {
  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('link', { name: /^All/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  // The catch-up refetch that follows the socket's first "ready" is over before counting starts.
  await page.waitForLoadState('networkidle');
  const unassigned = views.getByRole('link', { name: /^Unassigned/ }).locator('[data-count]');
  const all = views.getByRole('link', { name: /^All/ }).locator('[data-count]');
  await expect(all).not.toHaveText('');
  const before = { unassigned: Number(await unassigned.textContent()), all: Number(await all.textContent()) };

  // Every tRPC procedure the tab calls from here on (a batched request names each of its procedures).
  const called: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/trpc/')) called.push(...url.pathname.slice('/api/trpc/'.length).split(','));
  });

  await signInOverHttp(request, workspace.users.admin.email);
  const riyadh = workspace.channels.riyadh;
  const name = 'Quiet Customer';
  const from = '+966500000303';
  await trpcMutation(request, 'simulator.inbound', { channelId: riyadh.id, from, name, text: 'First, from a new customer' });
  const row = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name });
  await expect(row).toContainText('First, from a new customer');
  // A new customer opens a conversation: the counts move, from the event alone.
  await expect(unassigned).toHaveText(String(before.unassigned + 1));
  await expect(all).toHaveText(String(before.all + 1));

  await trpcMutation(request, 'simulator.inbound', { channelId: riyadh.id, from, name, text: 'Second, same conversation' });
  await expect(row).toContainText('Second, same conversation');
  await expect(all).toHaveText(String(before.all + 1));

  expect(called.filter((p) => p === 'conversation.row' || p === 'conversation.counts')).toEqual([]);
});

test('a message that arrives before the tab’s socket is ready still reaches the list: the tab catches up once live', async ({
  page,
  request,
  workspace,
}) => {
  // Hold the socket's handshake, as a slow network would, while the page's first fetches complete.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/socket.io/**', async (route) => {
    await released;
    await route.continue();
  });
  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^All/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Connecting' })).toBeVisible();

  await signInOverHttp(request, workspace.users.admin.email);
  const name = 'Early Customer';
  await trpcMutation(request, 'simulator.inbound', { channelId: workspace.channels.riyadh.id, from: '+966500000404', name, text: 'Sent before you were live' });

  release();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name })).toContainText('Sent before you were live');
});
