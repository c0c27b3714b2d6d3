/**
 * Replies and forwards, written for our tests from Meta's messages webhook reference
 * (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/text): a reply
 * carries `context: { from, id }` (who sent the quoted message, and its id); a forwarded message carries
 * `context: { forwarded: true }` (forwarded up to five times) or `context: { frequently_forwarded: true }` (more).
 * See /work/shared/reference/meta-messaging.md §1.1. Shared by the parser's unit tests, ingest's integration tests
 * and the end-to-end spec (with meaning-fixtures.ts's envelopes).
 */
import { DISPLAY_NUMBER } from './meaning-fixtures';

const timestampOf = (at: Date) => String(Math.floor(at.getTime() / 1000));

/** A customer's text quoting `quotedId` (from: the business number when it quotes one of ours). */
export const replyEntry = (id: string, body: string, quotedId: string, at: Date, quotedFrom = DISPLAY_NUMBER) => ({
  id,
  timestamp: timestampOf(at),
  type: 'text',
  text: { body },
  context: { from: quotedFrom, id: quotedId },
});

export const forwardedEntry = (id: string, body: string, at: Date, many = false) => ({
  id,
  timestamp: timestampOf(at),
  type: 'text',
  text: { body },
  context: many ? { frequently_forwarded: true } : { forwarded: true },
});
