import { CONVERSATION_EVENT_TYPES, type TConversationEventType } from '@/server/domain/conversation';
import type { TTranslate } from './translate';

/** The lifecycle lines the timeline shows (catalog `timeline.<event>`), as stored in a line's `payload.event`. */
export const TIMELINE_EVENTS = CONVERSATION_EVENT_TYPES;
export type TTimelineEventType = TConversationEventType;

/** Every placeholder a timeline message may name, so a line stored without one still formats (ICU throws otherwise). */
const DEFAULTS: Record<string, string> = { actor: '', assignee: '', team: '', note: '', by: 'agent', self: 'false', onClose: 'false', hours: '' };

export function isTimelineEvent(value: unknown): value is TTimelineEventType {
  return (TIMELINE_EVENTS as readonly unknown[]).includes(value);
}

/** A timeline line from its event and parameters, through `t` over the `timeline` namespace of some catalog. */
export function timelineLine(t: TTranslate, event: TTimelineEventType, params: Record<string, string>): string {
  return t(event, { ...DEFAULTS, ...params });
}
