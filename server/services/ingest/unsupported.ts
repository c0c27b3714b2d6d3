import type { TDb } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { isAppError } from '@/server/errors';
import { logger } from '@/server/logger';
import type { TInboundMessage } from '@/server/channels/inbound';
import { ingestInboundOutcomes, type TIngestOutcome } from './ingest';
import { clipText } from '@/server/domain/well-formed-text';

/**
 * Whether a message failed because of what it contains, so that storing it again as it is would fail forever:
 * PostgreSQL's data exceptions (class 22: a time out of range, invalid JSON), integrity violations (23) other than a
 * unique violation (that is a replay racing its first delivery: the retry sees it as a duplicate) and program limits
 * (54: an index row or a nesting too large), and the JavaScript errors a value causes (an invalid Date, a structure
 * too deep to serialise). Anything else (connection lost, deadlock, shutdown, unknown channel) is not the message's
 * fault: the webhook answers 500 and Meta delivers it again.
 */
export function isContentError(error: unknown): boolean {
  if (error instanceof RangeError || error instanceof TypeError) return true;
  if (isAppError(error) || !(error instanceof Error) || error.name !== 'PostgresError') return false;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' && !isUniqueViolation(error) && ['22', '23', '54'].includes(code.slice(0, 2));
}

const MAX_REASON = 500;

/** Serialised for the last resort; a structure too deep for JSON.stringify is not kept at all. */
function serialised(payload: unknown): string | null {
  try {
    return JSON.stringify(payload) ?? null;
  } catch {
    return null;
  }
}

/**
 * The last resort for a message that cannot be stored as it came: kept as `unsupported` (agents see that something
 * arrived; the conversation and its window are kept) with the reason and the raw payload, first as it is, then, if
 * even that cannot be stored, as a JSON string. Names and the phone are left out: they may be the problem, and the
 * sender's ids are enough to find the conversation.
 */
export async function storeAsUnsupported(db: TDb, message: TInboundMessage, failure: unknown): Promise<TIngestOutcome> {
  const reason = clipText(failure instanceof Error ? failure.message : String(failure), MAX_REASON);
  logger.warn({ channelId: message.channelId, providerMessageId: message.providerMessageId, reason }, 'storing a message as unsupported');
  const base = { ...message, kind: 'unsupported' as const, body: null, profileName: null, phone: null, change: undefined };
  const unsupported = { ...(message.payload?.unsupported as object | undefined), reason };
  try {
    return (await ingestInboundOutcomes(db, [{ ...base, payload: { ...message.payload, unsupported } }]))[0]!;
  } catch (error) {
    if (!isContentError(error)) throw error;
    return (await ingestInboundOutcomes(db, [{ ...base, payload: { unsupported, raw: serialised(message.payload) } }]))[0]!;
  }
}
