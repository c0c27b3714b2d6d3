import { createHash, randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { meaningEnvelope, meaningValue } from '../server/channels/whatsapp/meaning-fixtures';
import { MEDIA_SAMPLES } from '../server/services/simulator/media-samples';
import { expect, signInInAnyLanguage, test, type TSeededWorkspace } from './fixtures';
import { postSignedWebhook } from './webhooks';

/**
 * Customers' media, as Meta posts it: the file is put in the app's local Graph fake (its control call), the webhook
 * names its media id, and the download job fetches it. An agent watching the inbox sees each one arrive live, the
 * photo loads through /api/media, the document offers its Download link, and the voice note plays with its duration.
 */
async function customerSends(request: APIRequestContext, workspace: TSeededWorkspace, sender: { from: string; name: string }, kind: 'image' | 'document' | 'audio') {
  const sample = MEDIA_SAMPLES[kind === 'image' ? 'photo' : kind === 'audio' ? 'voice' : 'document'];
  const put = await request.post('/dev/graph/_fake/media', { data: { base64: sample.base64, mime_type: sample.mimeType } });
  expect(put.status()).toBe(200);
  const { id } = (await put.json()) as { id: string };
  const sha256 = createHash('sha256').update(Buffer.from(sample.base64, 'base64')).digest('base64');
  const object: Record<string, unknown> = { id, mime_type: sample.mimeType, sha256 };
  if (kind === 'image') object.caption = 'The box arrived crushed';
  if (kind === 'document') object.filename = sample.fileName;
  if (kind === 'audio') object.voice = true;
  const number = workspace.channels.riyadh;
  const message = { id: `wamid.e2e.${randomUUID()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: kind, [kind]: object };
  const body = JSON.stringify(meaningEnvelope(meaningValue(number.phoneNumberId!, sender, message)));
  await postSignedWebhook(request, number, body);
}

test('an inbound photo, a PDF and a voice note appear live, load and play', async ({ page, request, workspace }) => {
  const agent = await workspace.addUser('agent', 'Media Agent', { locale: 'en' });
  await signInInAnyLanguage(page, agent.email);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Unassigned/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

  const sender = { from: `9665${Math.floor(Math.random() * 1e8).toString().padStart(8, '0')}`, name: `Media ${randomUUID().slice(0, 6)}` };
  await customerSends(request, workspace, sender, 'image');
  const row = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name: sender.name });
  await expect(row).toContainText('📷 Photo · The box arrived crushed');
  await row.click();
  const log = page.getByRole('log', { name: 'Messages' });
  const photo = log.locator('li[data-direction="in"][data-media-kind="image"]');
  const img = photo.getByRole('img', { name: 'The box arrived crushed' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(64);

  // Full size in a dialog, keyboard-first: Enter opens it, Escape closes it.
  await photo.getByRole('button', { name: 'Enlarge The box arrived crushed' }).press('Enter');
  await expect(page.getByRole('dialog', { name: 'The box arrived crushed' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  await customerSends(request, workspace, sender, 'document');
  const pdf = log.locator('li[data-direction="in"][data-media-kind="document"]');
  await expect(pdf.getByRole('link', { name: 'Download invoice.pdf' })).toBeVisible();
  await expect(row).toContainText('📄 invoice.pdf');
  const href = await pdf.getByRole('link', { name: 'Download invoice.pdf' }).getAttribute('href');
  const file = await page.request.get(href!);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-disposition']).toMatch(/^attachment/);

  await customerSends(request, workspace, sender, 'audio');
  const voice = log.locator('li[data-direction="in"][data-media-kind="audio"]');
  await expect(voice.getByTestId('media-duration')).toHaveText('Duration 0:02');
  const audio = voice.locator('audio');
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.duration)).toBeGreaterThan(1.5);
  await audio.evaluate((el: HTMLAudioElement) => el.play());
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeGreaterThan(0);
  await expect(row).toContainText('🎤 Voice message · 0:02');
});
