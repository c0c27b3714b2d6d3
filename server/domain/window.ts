import { CHANNEL_TYPES, type TChannelType } from './channel-types';
import type { TWindowFilter } from './inbox-query';

/**
 * The customer-service window: one pure rule for the server (to enforce) and the browser (to display).
 * Only a customer message opens or refreshes it; the clock starts at the time the provider says the customer sent it.
 */
export type TWindowState = 'open' | 'tag' | 'template_only' | 'closed_to_outbound' | 'none';

export type TWindow = {
  state: TWindowState;
  /** When the current state ends; null when it lasts until the customer writes again (or forever). */
  closesAt: Date | null;
  /** The state that follows closesAt. */
  next: TWindowState | null;
};

/**
 * What an inbound item means to the conversation: a customer's message, or something about one (a reaction, an
 * edit, a deletion), a system notice, the customer opening the chat for the first time (`request_welcome`), or an
 * echo: a message the business sent from the WhatsApp Business app on its phone (coexistence), a business message.
 */
export type TInboundMeaning = 'message' | 'call' | 'reaction' | 'edit' | 'revoke' | 'system' | 'chat_opened' | 'echo';

/**
 * Whether an inbound item opens or refreshes the window: a customer's message or call does (Meta: "Whenever a
 * WhatsApp user messages you or calls you", answered or not). Reactions, edits, revokes, system notices, calls the
 * business placed, `request_welcome` and echoes (the business's own messages, sent from its phone) never refresh it
 * (`request_welcome` may open a first one: opensFirstWindow), and
 * the same items never count as unread, never reopen a closed conversation and never move its last activity or
 * preview: ingest asks this one rule for all of it.
 */
export function refreshesWindow(meaning: TInboundMeaning): boolean {
  return meaning === 'message' || meaning === 'call';
}

/**
 * `request_welcome` (the customer opened the chat for the first time) opens a window, on first contact only. Meta's
 * Conversational Components page (developers.facebook.com/docs/whatsapp/cloud-api/phone-numbers/conversational-components,
 * "Welcome Messages"): "The request_welcome webhook triggers a customer service window which allows your business
 * to send free-form messages", the welcome reply. It is sent only when the WhatsApp client finds no thread with the
 * number, so a conversation that already had a customer message keeps its window as it was: a late or repeated
 * welcome never turns 4 h left into 24 h (nor reopens a lapsed one). The window runs from the event's own timestamp.
 * It is still no message: no unread, no preview, no reopening (refreshesWindow stays false).
 */
export function opensFirstWindow(meaning: TInboundMeaning, lastInboundAt: Date | null): boolean {
  return meaning === 'chat_opened' && lastInboundAt === null;
}

const HOUR = 60 * 60 * 1000;
export const FREE_WINDOW_MS = 24 * HOUR;
export const HUMAN_AGENT_TAG_MS = 7 * 24 * HOUR;
/** A window in its last hour is "closing": the list's Closing filter and the chip's amber both start here. */
export const CLOSING_SOON_MS = HOUR;

type TRule =
  | { kind: 'none' }
  | { kind: 'window'; freeMs: number; afterFree: 'template_only' }
  | { kind: 'window'; freeMs: number; afterFree: 'tag'; tagMs: number };

const RULES: Record<TChannelType, TRule> = {
  whatsapp: { kind: 'window', freeMs: FREE_WINDOW_MS, afterFree: 'template_only' },
  messenger: { kind: 'window', freeMs: FREE_WINDOW_MS, afterFree: 'tag', tagMs: HUMAN_AGENT_TAG_MS },
  instagram: { kind: 'window', freeMs: FREE_WINDOW_MS, afterFree: 'tag', tagMs: HUMAN_AGENT_TAG_MS },
  viber: { kind: 'none' },
  telegram: { kind: 'none' },
  line: { kind: 'none' },
  webchat: { kind: 'none' },
  sms: { kind: 'none' },
  email: { kind: 'none' },
};

export function hasWindow(channelType: TChannelType): boolean {
  return RULES[channelType].kind === 'window';
}

/** The channel types whose conversations have no window at all (the list's "No window" filter). */
export const WINDOWLESS_CHANNELS: readonly TChannelType[] = CHANNEL_TYPES.filter((type) => !hasWindow(type));

/**
 * How long after a customer message each stored deadline falls on a channel (null: that deadline does not exist
 * there). windowDeadlines applies them to a row; the bench generator writes them as SQL intervals.
 */
export function deadlineOffsets(channelType: TChannelType): { windowMs: number | null; tagMs: number | null } {
  const rule = RULES[channelType];
  if (rule.kind === 'none') return { windowMs: null, tagMs: null };
  return { windowMs: rule.freeMs, tagMs: rule.afterFree === 'tag' ? rule.tagMs : null };
}

/**
 * The deadlines stored on a conversation row so lists can sort and filter by them with an index: the end of the
 * free-form window and, on Messenger/Instagram, the end of the human-agent tag period. Null where there is none.
 */
export function windowDeadlines(
  channelType: TChannelType,
  lastInboundAt: Date | null,
): { windowClosesAt: Date | null; tagClosesAt: Date | null } {
  const { windowMs, tagMs } = deadlineOffsets(channelType);
  if (!lastInboundAt) return { windowClosesAt: null, tagClosesAt: null };
  const t = lastInboundAt.getTime();
  return {
    windowClosesAt: windowMs === null ? null : new Date(t + windowMs),
    tagClosesAt: tagMs === null ? null : new Date(t + tagMs),
  };
}

/**
 * The stored deadlines in the order they apply: the free window first, then the tag period. A row's current
 * deadline is the first one still ahead; list.ts reads it in JS and filters.ts builds the SQL from this same list.
 */
export const DEADLINE_ORDER = ['windowClosesAt', 'tagClosesAt'] as const;
export type TDeadlines = Record<(typeof DEADLINE_ORDER)[number], Date | null>;

/** The deadline ticking on a row as of `asOf` (free window, else tag period); null when none is. */
export function currentDeadline(row: TDeadlines, asOf: Date): Date | null {
  for (const key of DEADLINE_ORDER) {
    const deadline = row[key];
    if (deadline && deadline > asOf) return deadline;
  }
  return null;
}

/**
 * What a window filter keeps, as of `asOf`: rows whose windowClosesAt lies in (after, notAfter] (a null bound is
 * open; a null windowClosesAt never matches), or the rows of windowless channels. The SQL filter and the browser's
 * list-membership rule are both built from this, so they cannot disagree on a boundary.
 */
export type TWindowFilterRule =
  | { kind: 'closesAt'; after: Date | null; notAfter: Date | null }
  | { kind: 'windowless'; channelTypes: readonly TChannelType[] };

export function windowFilterRule(filter: TWindowFilter, asOf: Date): TWindowFilterRule {
  switch (filter) {
    case 'open':
      return { kind: 'closesAt', after: asOf, notAfter: null };
    case 'closing':
      return { kind: 'closesAt', after: asOf, notAfter: new Date(asOf.getTime() + CLOSING_SOON_MS) };
    case 'lapsed':
      return { kind: 'closesAt', after: null, notAfter: asOf };
    case 'none':
      return { kind: 'windowless', channelTypes: WINDOWLESS_CHANNELS };
  }
}

export function matchesWindowFilter(
  row: { channelType: TChannelType; windowClosesAt: Date | null },
  filter: TWindowFilter,
  asOf: Date,
): boolean {
  const rule = windowFilterRule(filter, asOf);
  if (rule.kind === 'windowless') return rule.channelTypes.includes(row.channelType);
  const closes = row.windowClosesAt;
  if (closes === null) return false;
  return (rule.after === null || closes > rule.after) && (rule.notAfter === null || closes <= rule.notAfter);
}

/** A window is open while now < closesAt: at exactly 24 h it has lapsed. */
export function evaluateWindow(channelType: TChannelType, lastInboundAt: Date | null, now: Date): TWindow {
  const rule = RULES[channelType];
  if (rule.kind === 'none') return { state: 'none', closesAt: null, next: null };
  const lapsed: TWindowState = rule.afterFree === 'template_only' ? 'template_only' : 'closed_to_outbound';
  if (!lastInboundAt) return { state: lapsed, closesAt: null, next: null };
  const t = now.getTime();
  const freeEnds = lastInboundAt.getTime() + rule.freeMs;
  if (t < freeEnds) return { state: 'open', closesAt: new Date(freeEnds), next: rule.afterFree };
  if (rule.afterFree === 'tag') {
    const tagEnds = lastInboundAt.getTime() + rule.tagMs;
    if (t < tagEnds) return { state: 'tag', closesAt: new Date(tagEnds), next: 'closed_to_outbound' };
    return { state: 'closed_to_outbound', closesAt: null, next: null };
  }
  return { state: 'template_only', closesAt: null, next: null };
}

/**
 * What an agent can send: free text, templates, and reactions to a customer's message (a free-form message to Meta,
 * so it follows text). Internal notes are not outbound and are always possible. A reply quoting a message is text.
 */
export type TOutboundKind = 'text' | 'template' | 'reaction';
export type TOutboundRefusal = 'WINDOW_LAPSED' | 'CLOSED_TO_OUTBOUND';
export type TOutboundRule = { allowed: true; tag: 'HUMAN_AGENT' | null } | { allowed: false; code: TOutboundRefusal };

/**
 * The window's one outbound rule, for send, retry and the composer: free text goes out while the window is open (or
 * on windowless channels), with the human-agent tag in the Messenger/Instagram tag period; after a WhatsApp lapse
 * only a template may; once a channel is closed to outbound nothing may until the customer writes again. Whether a
 * channel has templates at all is the channel's question (send refuses templates off WhatsApp), not the window's;
 * so is whether it has reactions. A reaction is free-form: it goes wherever text does, and nowhere else.
 */
export function outboundRule(window: Pick<TWindow, 'state'>, kind: TOutboundKind): TOutboundRule {
  switch (window.state) {
    case 'open':
    case 'none':
      return { allowed: true, tag: null };
    case 'tag':
      return { allowed: true, tag: kind === 'template' ? null : 'HUMAN_AGENT' };
    case 'template_only':
      return kind === 'template' ? { allowed: true, tag: null } : { allowed: false, code: 'WINDOW_LAPSED' };
    case 'closed_to_outbound':
      return { allowed: false, code: 'CLOSED_TO_OUTBOUND' };
  }
}

/** A template sent outside an open window starts a business-initiated conversation: it counts toward the number's limit. */
export function isBusinessInitiated(window: Pick<TWindow, 'state'>, kind: TOutboundKind): boolean {
  return kind === 'template' && window.state !== 'open';
}
