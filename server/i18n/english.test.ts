import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import ar from './catalogs/ar.json';
import { failureReason } from './delivery-errors';
import { englishFailureReason, englishTimelineLine } from './english';
import { timelineLine } from './timeline';
import type { TTranslate } from './translate';

const arabic = (namespace: 'timeline' | 'deliveryErrors') =>
  createTranslator({ locale: 'ar', messages: ar, namespace }) as unknown as TTranslate;

describe('timeline lines', () => {
  it('are the English sentences the timeline has always stored, from the en catalog', () => {
    expect(englishTimelineLine('opened', { by: 'customer', actor: '' })).toBe('Reopened by a new customer message');
    expect(englishTimelineLine('opened', { actor: 'Lina', by: 'agent' })).toBe('Reopened by Lina');
    expect(englishTimelineLine('closed', { actor: 'Lina', note: ' (billing: paid)' })).toBe('Closed by Lina (billing: paid)');
    expect(englishTimelineLine('assigned', { actor: 'Lina', assignee: 'Lina', self: 'true' })).toBe('Lina took this conversation');
    expect(englishTimelineLine('assigned', { actor: 'Lina', assignee: 'Omar', self: 'false' })).toBe('Assigned to Omar by Lina');
    expect(englishTimelineLine('assigned', { actor: 'Omar', assignee: 'Omar', self: 'send' })).toBe(
      'Assigned to Omar by sending a message',
    );
    expect(englishTimelineLine('unassigned', { actor: 'Lina', onClose: 'true' })).toBe('Unassigned on close by Lina');
    expect(englishTimelineLine('unassigned', { actor: 'Lina', onClose: 'false' })).toBe('Unassigned by Lina');
    expect(englishTimelineLine('team_assigned', { actor: 'Lina', team: 'Sales' })).toBe('Moved to team Sales by Lina');
    expect(englishTimelineLine('team_unassigned', { actor: 'Lina' })).toBe('Removed from its team by Lina');
  });

  it('take names with ICU syntax in them as plain text', () => {
    expect(englishTimelineLine('opened', { actor: "O'Neil {x}" })).toBe("Reopened by O'Neil {x}");
  });

  it('read in Arabic through the same function', () => {
    expect(timelineLine(arabic('timeline'), 'team_assigned', { actor: 'لينا', team: 'المبيعات' })).toBe('نقلها لينا إلى فريق المبيعات');
  });
});

describe('failure reasons', () => {
  it('say a known code in the reader’s language', () => {
    expect(englishFailureReason('131047')).toBe('Window closed; send a template.');
    expect(failureReason(arabic('deliveryErrors'), '131047', null)).toBe('أُغلقت النافذة؛ أرسل قالبًا.');
  });

  it('say how many attempts a transient failure made before giving up', () => {
    expect(englishFailureReason('SIM_UNAVAILABLE', { attempts: 3 })).toBe(
      'The simulated provider is temporarily unavailable. (gave up after 3 attempts)',
    );
    expect(englishFailureReason('TIMEOUT', { attempts: 1 })).toMatch(/gave up after 1 attempt\)$/);
    expect(failureReason(arabic('deliveryErrors'), '80007', { attempts: 6 })).toContain('توقفت المحاولات بعد 6 محاولات');
  });

  it('fall back to the HTTP status or the bare code, with the provider’s own words only for codes we cannot say', () => {
    expect(englishFailureReason('HTTP_429', { httpStatus: 429, attempts: 6 })).toBe(
      'The channel answered with HTTP status 429. (gave up after 6 attempts)',
    );
    expect(englishFailureReason('470', { title: 'Message failed', details: 'Something Meta said' })).toBe(
      'The channel refused the message (error 470). The provider says: Something Meta said',
    );
    expect(englishFailureReason('131026', { details: 'Meta’s English' })).toMatch(
      /^Message undeliverable: the number may not be on WhatsApp\b/,
    );
    expect(englishFailureReason('a.b')).toBe('The channel refused the message (error a.b).');
    expect(englishFailureReason(null)).toBe('The channel refused the message.');
  });
});
