/**
 * The opaque data a WhatsApp send carries (`biz_opaque_callback_data`, echoed in its status webhooks), by which an
 * accepted send whose answer we never recorded is adopted. Namespaced and naming the attempt, so that a status from
 * another system subscribed to the same WABA (staging, another integration using numeric callback data) cannot be
 * taken for one of ours: adoption matches the attempt itself, and only while it is open.
 */
const PREFIX = 'nafidha';

export function sendOpaque(messageId: number, attemptId: number): string {
  return `${PREFIX}:${messageId}:${attemptId}`;
}

/**
 * `attemptId` is null for the plain message id that sends made before the namespacing carried: still accepted for
 * sends in flight across the upgrade, but only where that message has an open attempt.
 */
export type TSendOpaque = { messageId: number; attemptId: number | null };

const ID = /^[1-9]\d{0,14}$/;

export function parseSendOpaque(opaque: string): TSendOpaque | null {
  if (ID.test(opaque)) return { messageId: Number(opaque), attemptId: null };
  const [prefix, messageId, attemptId, ...rest] = opaque.split(':');
  if (prefix !== PREFIX || rest.length > 0 || !ID.test(messageId ?? '') || !ID.test(attemptId ?? '')) return null;
  return { messageId: Number(messageId), attemptId: Number(attemptId) };
}
