import { describe, expect, it } from 'vitest';
import { CHANNEL_TYPES } from './channel-types';
import { WINDOW_FILTERS } from './inbox-query';
import {
  refreshesWindow,
  opensFirstWindow,
  CLOSING_SOON_MS,
  currentDeadline,
  deadlineOffsets,
  evaluateWindow,
  hasWindow,
  isBusinessInitiated,
  matchesWindowFilter,
  outboundRule,
  windowDeadlines,
  WINDOWLESS_CHANNELS,
  type TOutboundKind,
  type TOutboundRule,
  type TWindowState,
} from './window';

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

describe('outboundRule: every window state × kind', () => {
  const table: [TWindowState, TOutboundKind, TOutboundRule][] = [
    ['open', 'text', { allowed: true, tag: null }],
    ['open', 'template', { allowed: true, tag: null }],
    ['tag', 'text', { allowed: true, tag: 'HUMAN_AGENT' }],
    ['tag', 'template', { allowed: true, tag: null }],
    ['template_only', 'text', { allowed: false, code: 'WINDOW_LAPSED' }],
    ['template_only', 'template', { allowed: true, tag: null }],
    ['closed_to_outbound', 'text', { allowed: false, code: 'CLOSED_TO_OUTBOUND' }],
    ['closed_to_outbound', 'template', { allowed: false, code: 'CLOSED_TO_OUTBOUND' }],
    ['none', 'text', { allowed: true, tag: null }],
    ['none', 'template', { allowed: true, tag: null }],
    // A reaction is a free-form message to Meta: wherever text goes, and nowhere else.
    ['open', 'reaction', { allowed: true, tag: null }],
    ['tag', 'reaction', { allowed: true, tag: 'HUMAN_AGENT' }],
    ['template_only', 'reaction', { allowed: false, code: 'WINDOW_LAPSED' }],
    ['closed_to_outbound', 'reaction', { allowed: false, code: 'CLOSED_TO_OUTBOUND' }],
    ['none', 'reaction', { allowed: true, tag: null }],
  ];

  it.each(table)('%s + %s', (state, kind, expected) => {
    expect(outboundRule({ state }, kind)).toEqual(expected);
  });

  it('covers every state and kind exactly once', () => {
    const states: TWindowState[] = ['open', 'tag', 'template_only', 'closed_to_outbound', 'none'];
    expect(table.map(([state, kind]) => `${state}:${kind}`).sort()).toEqual(
      states.flatMap((state) => [`${state}:reaction`, `${state}:template`, `${state}:text`]).sort(),
    );
  });

  it('follows the window through a Messenger thread and a WhatsApp one', () => {
    const D = 24 * H;
    expect(outboundRule(evaluateWindow('messenger', last, after(D - 1)), 'text')).toEqual({ allowed: true, tag: null });
    expect(outboundRule(evaluateWindow('messenger', last, after(D)), 'text')).toEqual({ allowed: true, tag: 'HUMAN_AGENT' });
    expect(outboundRule(evaluateWindow('messenger', last, after(7 * D)), 'text')).toEqual({ allowed: false, code: 'CLOSED_TO_OUTBOUND' });
    expect(outboundRule(evaluateWindow('whatsapp', last, after(D)), 'text')).toEqual({ allowed: false, code: 'WINDOW_LAPSED' });
    expect(outboundRule(evaluateWindow('whatsapp', last, after(D)), 'template')).toEqual({ allowed: true, tag: null });
    expect(outboundRule(evaluateWindow('telegram', null, last), 'text')).toEqual({ allowed: true, tag: null });
  });
});

describe('isBusinessInitiated', () => {
  it('is a template outside an open window, nothing else', () => {
    expect(isBusinessInitiated({ state: 'open' }, 'template')).toBe(false);
    expect(isBusinessInitiated({ state: 'template_only' }, 'template')).toBe(true);
    expect(isBusinessInitiated({ state: 'template_only' }, 'text')).toBe(false);
    expect(isBusinessInitiated({ state: 'open' }, 'text')).toBe(false);
  });
});

describe('deadlines and thresholds', () => {
  it('lists the windowless channels', () => {
    expect(WINDOWLESS_CHANNELS).toEqual(['viber', 'telegram', 'line', 'webchat', 'sms', 'email']);
  });

  it.each(CHANNEL_TYPES)('%s: the offsets are the deadlines of a customer message at the epoch', (type) => {
    const { windowMs, tagMs } = deadlineOffsets(type);
    expect(windowDeadlines(type, new Date(0))).toEqual({
      windowClosesAt: windowMs === null ? null : new Date(windowMs),
      tagClosesAt: tagMs === null ? null : new Date(tagMs),
    });
  });

  it('the current deadline is the free window, then the tag period, then none (each exclusive at its end)', () => {
    const row = windowDeadlines('messenger', last);
    expect(currentDeadline(row, after(0))).toEqual(row.windowClosesAt);
    expect(currentDeadline(row, after(24 * H - 1))).toEqual(row.windowClosesAt);
    expect(currentDeadline(row, after(24 * H))).toEqual(row.tagClosesAt);
    expect(currentDeadline(row, after(7 * 24 * H - 1))).toEqual(row.tagClosesAt);
    expect(currentDeadline(row, after(7 * 24 * H))).toBeNull();
    expect(currentDeadline(windowDeadlines('whatsapp', last), after(24 * H))).toBeNull();
    expect(currentDeadline(windowDeadlines('telegram', last), last)).toBeNull();
    // The current deadline is when evaluateWindow's current state ends.
    for (const ms of [0, 23 * H, 24 * H, 100 * H, 7 * 24 * H]) {
      expect(currentDeadline(row, after(ms))).toEqual(evaluateWindow('messenger', last, after(ms)).closesAt);
    }
  });

  it('window filters at their boundaries: open is exclusive at the close, closing includes exactly one hour left', () => {
    const now = after(0);
    const at = (ms: number | null) => ({ channelType: 'whatsapp' as const, windowClosesAt: ms === null ? null : after(ms) });
    const kept = (ms: number | null) => WINDOW_FILTERS.filter((f) => matchesWindowFilter(at(ms), f, now));
    expect(CLOSING_SOON_MS).toBe(H);
    expect(kept(-1)).toEqual(['lapsed']);
    expect(kept(0)).toEqual(['lapsed']);
    expect(kept(1)).toEqual(['open', 'closing']);
    expect(kept(CLOSING_SOON_MS)).toEqual(['open', 'closing']);
    expect(kept(CLOSING_SOON_MS + 1)).toEqual(['open']);
    expect(kept(null)).toEqual([]);
    expect(matchesWindowFilter({ channelType: 'email', windowClosesAt: null }, 'none', now)).toBe(true);
    expect(matchesWindowFilter({ channelType: 'instagram', windowClosesAt: null }, 'none', now)).toBe(false);
  });
});

describe('refreshesWindow', () => {
  // Meta: "Whenever a WhatsApp user messages you or calls you, a 24-hour timer ... starts (or refreshes)"
  // (/work/shared/reference/meta-messaging.md §6); a reaction, an edit or a deletion is about a message, not one.
  it('is true for a customer message or call only', () => {
    expect(refreshesWindow('message')).toBe(true);
    // "... messages you or calls you": a call the customer places, answered or not (meta-messaging.md §6).
    expect(refreshesWindow('call')).toBe(true);
    for (const meaning of ['reaction', 'edit', 'revoke', 'system', 'chat_opened'] as const) expect(refreshesWindow(meaning)).toBe(false);
  });
});

describe('opensFirstWindow', () => {
  // Meta's Conversational Components page, "Welcome Messages"
  // (developers.facebook.com/docs/whatsapp/cloud-api/phone-numbers/conversational-components): "The request_welcome
  // webhook triggers a customer service window which allows your business to send free-form messages"; the webhook
  // comes only when the client finds no existing thread with the business number.
  it('opens a window for request_welcome on first contact only', () => {
    expect(opensFirstWindow('chat_opened', null)).toBe(true);
  });

  it('never refreshes an existing window, open or lapsed (4 h left stays 4 h left)', () => {
    const fourHoursLeft = new Date(Date.UTC(2026, 0, 1, 0, 0));
    expect(opensFirstWindow('chat_opened', fourHoursLeft)).toBe(false);
    expect(opensFirstWindow('chat_opened', new Date(Date.UTC(2025, 0, 1)))).toBe(false);
  });

  it('is false for everything else: messages and calls refresh (refreshesWindow), the rest never open one', () => {
    for (const meaning of ['message', 'call', 'reaction', 'edit', 'revoke', 'system'] as const)
      expect(opensFirstWindow(meaning, null)).toBe(false);
  });
});
