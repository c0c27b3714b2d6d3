/**
 * The values a conversation and its timeline items take. The database enums are built from these arrays
 * (db/schema), so a value added here reaches the schema, the migrations and the types together.
 */
export const CONVERSATION_STATUSES = ['open', 'closed'] as const;
export type TConversationStatus = (typeof CONVERSATION_STATUSES)[number];

/** The lifecycle events recorded on a conversation's timeline. */
export const CONVERSATION_EVENT_TYPES = [
  'opened',
  'closed',
  'assigned',
  'unassigned',
  'team_assigned',
  'team_unassigned',
  // The customer stopped or resumed marketing messages (WhatsApp's user_preferences webhook).
  'marketing_preference',
] as const;
export type TConversationEventType = (typeof CONVERSATION_EVENT_TYPES)[number];

/** in: from the customer; out: from an agent; note: internal; system: a timeline event. */
export const MESSAGE_DIRECTIONS = ['in', 'out', 'note', 'system'] as const;
export type TMessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

export const MESSAGE_KINDS = [
  'text',
  'template',
  'image',
  'video',
  'audio',
  'document',
  'sticker',
  'location',
  'contacts',
  'interactive',
  'button',
  'reaction',
  'unsupported',
  'event',
  /** A catalog order (WhatsApp `order`): its items in the payload. */
  'order',
] as const;
export type TMessageKind = (typeof MESSAGE_KINDS)[number];
