import { describe, expect, it } from 'vitest';
import { CHANNEL_TYPES } from './channel-types';
import { evaluateWindow, hasWindow, windowDeadlines } from './window';

const last = new Date('2026-11-20T10:00:00.000Z');
const after = (ms: number) => new Date(last.getTime() + ms);
const H = 3_600_000;
const D = 24 * H;

describe('WhatsApp window', () => {
  it('is open until 24 h after the customer message, exclusive', () => {
    expect(evaluateWindow('whatsapp', last, after(0))).toEqual({ state: 'open', closesAt: after(D), next: 'template_only' });
    expect(evaluateWindow('whatsapp', last, after(D - 1)).state).toBe('open');
    expect(evaluateWindow('whatsapp', last, after(D))).toEqual({ state: 'template_only', closesAt: null, next: null });
    expect(evaluateWindow('whatsapp', last, after(D + 1)).state).toBe('template_only');
  });

  it('is template only when the customer never wrote', () => {
    expect(evaluateWindow('whatsapp', null, last).state).toBe('template_only');
  });

  it('restarts from a newer customer message', () => {
    const newer = after(20 * H);
    expect(evaluateWindow('whatsapp', newer, after(D + H))).toMatchObject({ state: 'open', closesAt: new Date(newer.getTime() + D) });
  });
});

describe.each(['messenger', 'instagram'] as const)('%s window', (type) => {
  it('is free for 24 h, then the human agent tag until 7 days, then closed to outbound', () => {
    expect(evaluateWindow(type, last, after(D - 1))).toEqual({ state: 'open', closesAt: after(D), next: 'tag' });
    expect(evaluateWindow(type, last, after(D))).toEqual({ state: 'tag', closesAt: after(7 * D), next: 'closed_to_outbound' });
    expect(evaluateWindow(type, last, after(7 * D - 1)).state).toBe('tag');
    expect(evaluateWindow(type, last, after(7 * D))).toEqual({ state: 'closed_to_outbound', closesAt: null, next: null });
  });

  it('is closed to outbound when the customer never wrote', () => {
    expect(evaluateWindow(type, null, last).state).toBe('closed_to_outbound');
  });
});

describe('windowDeadlines (the columns lists sort and filter by)', () => {
  it('matches evaluateWindow: the free window end, and the tag end on Messenger/Instagram', () => {
    expect(windowDeadlines('whatsapp', last)).toEqual({ windowClosesAt: after(D), tagClosesAt: null });
    expect(windowDeadlines('messenger', last)).toEqual({ windowClosesAt: after(D), tagClosesAt: after(7 * D) });
    expect(windowDeadlines('instagram', last)).toEqual({ windowClosesAt: after(D), tagClosesAt: after(7 * D) });
    expect(windowDeadlines('whatsapp', null)).toEqual({ windowClosesAt: null, tagClosesAt: null });
    expect(evaluateWindow('messenger', last, after(D)).closesAt).toEqual(windowDeadlines('messenger', last).tagClosesAt);
  });
});

describe('channels without a window', () => {
  const noWindow = CHANNEL_TYPES.filter((t) => !['whatsapp', 'messenger', 'instagram'].includes(t));

  it.each(noWindow)('%s has no window, whatever the times', (type) => {
    expect(hasWindow(type)).toBe(false);
    expect(evaluateWindow(type, last, after(365 * D))).toEqual({ state: 'none', closesAt: null, next: null });
    expect(evaluateWindow(type, null, last).state).toBe('none');
    expect(windowDeadlines(type, last)).toEqual({ windowClosesAt: null, tagClosesAt: null });
  });

  it('covers all nine channel types between the two groups', () => {
    expect(noWindow).toHaveLength(6);
    expect(CHANNEL_TYPES.filter(hasWindow)).toEqual(['whatsapp', 'messenger', 'instagram']);
  });
});
