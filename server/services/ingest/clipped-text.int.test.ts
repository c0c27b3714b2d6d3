import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { textEntry } from '@/server/channels/whatsapp/meaning-fixtures';
import { PREVIEW_MAX } from '@/server/domain/limits';
import { isWellFormedText } from '@/server/domain/well-formed-text';
import { secondsAgo, setUpMeaningsTestbed } from './meanings-testbed';

// The list's preview and a media preview are clipped copies of a customer's text. Clipped where an emoji was, they
// used to end in half of it, and the conversation update (its fields sent as one json parameter) failed for the
// whole webhook: a 500 the webhook fuzz found (seed 1009208785). Clipping now takes an emoji whole (clipText).
const bed = setUpMeaningsTestbed();
const { A, post, byProvider, conversationRow } = bed;
const THUMBS = '\u{1F44D}';

describe('text clipped for previews never splits an emoji', () => {
  it('a long text and a long caption, each cut where an emoji is, are stored and previewed whole-character', async () => {
    const from = `9665${Math.floor(Math.random() * 1e8)
      .toString()
      .padStart(8, '0')}`;
    // A first message (a new conversation), then a second (the update of an existing one).
    const first = `wamid.${randomUUID()}`;
    const body = `${'a'.repeat(PREVIEW_MAX - 1)}${THUMBS} and more`;
    await post(A, from, textEntry(first, body, secondsAgo(120)));
    const stored = (await byProvider(first))!;
    expect(stored.body).toBe(body);
    expect((await conversationRow(stored.conversationId)).previewText).toBe('a'.repeat(PREVIEW_MAX - 1));

    const second = `wamid.${randomUUID()}`;
    const caption = `${'b'.repeat(199)}${THUMBS} the box arrived crushed`;
    await post(A, from, {
      id: second,
      timestamp: String(Math.floor(secondsAgo(60).getTime() / 1000)),
      type: 'image',
      image: { id: `media-${randomUUID()}`, mime_type: 'image/jpeg', sha256: 'c2hh', caption },
    });
    expect((await byProvider(second))!.body).toBe(caption);
    const row = await conversationRow(stored.conversationId);
    expect(row.previewMedia).toMatchObject({ kind: 'image', caption: 'b'.repeat(199) });
    expect(isWellFormedText(row.previewText ?? '')).toBe(true);
  });
});
