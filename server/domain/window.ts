import type { TChannelType } from './channel-types';

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

const HOUR = 60 * 60 * 1000;
export const FREE_WINDOW_MS = 24 * HOUR;
export const HUMAN_AGENT_TAG_MS = 7 * 24 * HOUR;

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

/**
 * The deadlines stored on a conversation row so lists can sort and filter by them with an index: the end of the
 * free-form window and, on Messenger/Instagram, the end of the human-agent tag period. Null where there is none.
 */
export function windowDeadlines(
  channelType: TChannelType,
  lastInboundAt: Date | null,
): { windowClosesAt: Date | null; tagClosesAt: Date | null } {
  const rule = RULES[channelType];
  if (rule.kind === 'none' || !lastInboundAt) return { windowClosesAt: null, tagClosesAt: null };
  const t = lastInboundAt.getTime();
  return {
    windowClosesAt: new Date(t + rule.freeMs),
    tagClosesAt: rule.afterFree === 'tag' ? new Date(t + rule.tagMs) : null,
  };
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
