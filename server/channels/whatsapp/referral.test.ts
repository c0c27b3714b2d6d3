import { describe, expect, it } from 'vitest';
import { meaningValue } from './meaning-fixtures';
import { parseInboundMessages } from './parse';
import { referralOf } from './referral';
import { ZMessagesValue } from './webhook-schema';

// A text from a click-to-WhatsApp ad, in the shape of Meta's text-message reference (§1.2 of the reference copy).
const AT = new Date('2026-06-01T10:00:00Z');
const REFERRAL = {
  source_url: 'https://fb.me/3cr4Wqqkv',
  source_id: '120208399999990123',
  source_type: 'ad',
  body: 'Free delivery all week',
  headline: 'Summer sale',
  media_type: 'image',
  image_url: 'https://scontent.xx.fbcdn.net/ad.jpg',
  ctwa_clid: 'ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a',
};
const parse = (message: Record<string, unknown>) =>
  parseInboundMessages('channel-1', ZMessagesValue.parse(meaningValue('106540352242922', { from: '16505551234' }, message)), AT)
    .messages[0]!;
const text = (extra: Record<string, unknown>) => ({
  id: 'wamid.A1',
  timestamp: '1780308000',
  type: 'text',
  text: { body: 'Is it still on?' },
  ...extra,
});

describe('a message from an ad', () => {
  it('carries its referral, and keeps the raw one in the payload', () => {
    const message = parse(text({ referral: REFERRAL }));
    expect(message).toMatchObject({ kind: 'text', body: 'Is it still on?' });
    expect(message.referral).toEqual({
      sourceType: 'ad',
      sourceId: '120208399999990123',
      sourceUrl: 'https://fb.me/3cr4Wqqkv',
      headline: 'Summer sale',
      body: 'Free delivery all week',
      mediaType: 'image',
      imageUrl: 'https://scontent.xx.fbcdn.net/ad.jpg',
      videoUrl: null,
      thumbnailUrl: null,
      ctwaClid: REFERRAL.ctwa_clid,
    });
    expect(message.payload).toMatchObject({ whatsapp: { referral: REFERRAL } });
  });

  it('reads a Facebook Page post, and a Status ad without a click id', () => {
    expect(parse(text({ referral: { ...REFERRAL, source_type: 'post' } })).referral?.sourceType).toBe('post');
    const { ctwa_clid: _, ...statusAd } = REFERRAL;
    expect(parse(text({ referral: statusAd })).referral?.ctwaClid).toBeNull();
  });

  it('a message without one has none', () => {
    expect(parse(text({})).referral).toBeUndefined();
  });

  it('never costs the message: malformed fields are dropped one by one, a useless referral is none', () => {
    const message = parse(text({ referral: { headline: 42, source_url: 'javascript:alert(1)', body: ['x'], source_type: 'ad' } }));
    expect(message).toMatchObject({ kind: 'text', body: 'Is it still on?' });
    expect(message.referral).toMatchObject({ sourceType: 'ad', headline: null, sourceUrl: null, body: null });
    for (const junk of [null, 'ad', [], {}, { headline: '  ' }, { source_url: 'not a url' }])
      expect(parse(text({ referral: junk })).referral).toBeUndefined();
  });

  it('cuts very long fields rather than refusing them, and keeps only web addresses', () => {
    expect(referralOf({ referral: { headline: 'x'.repeat(5000) } })?.headline).toHaveLength(2000);
    expect(referralOf({ referral: { source_url: 'ftp://fb.me/a', headline: 'h' } })?.sourceUrl).toBeNull();
    expect(referralOf({ referral: { source_url: 'http://fb.me/a', headline: 'h' } })?.sourceUrl).toBe('http://fb.me/a');
  });

  it('is not read from a change to another message', () => {
    expect(
      parse({
        id: 'wamid.R1',
        timestamp: '1780308000',
        type: 'reaction',
        reaction: { message_id: 'wamid.T', emoji: '👍' },
        referral: REFERRAL,
      }).referral,
    ).toBeUndefined();
  });
});
