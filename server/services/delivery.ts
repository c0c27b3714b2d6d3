import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TDbOrTx, TTx } from '@/db/client';
import { channels, contactIdentities, conversations, deliveryAttempts, messages, templates } from '@/db/schema';
import type { TOutboundMessage, TSendResult } from '@/server/channels/adapter';
import { adapterFor } from '@/server/channels/registry';
import { statusesBefore, type TDeliveryStatus } from '@/server/domain/delivery-status';
import type { TTemplateComponent } from '@/server/domain/templates';
import { pairLimitDelayMs, throttlePauseMs } from '@/server/domain/breaker';
import { evaluateWindow, FREE_WINDOW_MS, windowDeadlines } from '@/server/domain/window';
import { env } from '@/server/env';
import { logger } from '@/server/logger';
import { notify } from '@/server/realtime/notify';
import { databaseNow } from './database-clock';
import { recordBreakerEvent } from './breaker';
import { markChannelNeedsAttention } from './channel-status';

export type TAttempt = { retryCount: number; retryLimit: number };
export type TDeliveryOutcome = {
  outcome: 'sent' | 'failed' | 'skipped';
  providerMessageId?: string;
  followUps?: ReturnType<NonNullable<ReturnType<typeof adapterFor>['followUps']>>;
};
export type TDeliverOptions = {
  /** The worker process's lease (see jobs/worker-lease.ts); attempts made outside a worker have none. */
  workerId?: number | null;
  /** This send is the probe of its number's half-open breaker. */
  probe?: boolean;
  graceMs?: number;
};

/** Transient failures retry 5 times (6 attempts), 2, 4, 8, 16, 32 s apart. */
export const SEND_RETRY_LIMIT = 5;
const retryDelayMs = (retryCount: number) => 1000 * 2 ** (retryCount + 1);

/**
 * Thrown to let the queue try later; the message stays queued meanwhile. `retryAt` says when; `counted` whether
 * this used one of the message's attempts (a deferral for a rate limit, a paused number or a reconciliation does not).
 */
export class TransientDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAt: Date,
    readonly counted: boolean,
  ) {
    super(message);
  }
}

/**
 * Delivers one queued message through its channel's adapter, at most once: the attempt is recorded (committed)
 * before the provider is called, and a message whose previous attempt's outcome is unknown is not called again
 * until the grace period for Meta's status webhook has passed without one (a webhook carrying our opaque data
 * adopts the attempt instead). Transient failures throw (the caller reschedules) until the last attempt, which
 * fails the message with a readable reason, so nothing ends stuck in "queued".
 * `attempt` overrides the retry count kept in delivery_attempts (callers that count for themselves).
 */
export async function deliverMessage(
  db: TDbOrTx,
  messageId: number,
  attempt?: TAttempt,
  options: TDeliverOptions = {},
): Promise<TDeliveryOutcome> {
  const outbound = await loadOutbound(db, messageId);
  if (!outbound) return { outcome: 'skipped' };
  const claim = await claimAttempt(db, outbound, options.workerId ?? null, options.graceMs ?? reconcileGraceMs());
  if (claim.kind === 'skip') return { outcome: 'skipped' };
  if (claim.kind === 'wait') throw new TransientDeliveryError(claim.why, claim.until, false);
  if (claim.kind === 'exhausted') {
    await setStatus(db, messageId, 'failed', {
      errorCode: claim.lastError.code,
      errorReason: gaveUp(claim.lastError.reason, claim.attempts - 1),
    });
    return { outcome: 'failed' };
  }
  const retryCount = attempt?.retryCount ?? claim.failedSoFar;
  const retryLimit = attempt?.retryLimit ?? SEND_RETRY_LIMIT;

  const adapter = adapterFor(outbound.channel.type, outbound.channel.config);
  let result: TSendResult;
  try {
    result = await adapter.send(outbound);
  } catch (error) {
    logger.warn({ err: error, messageId }, 'adapter threw; treating as transient');
    result = { ok: false as const, retry: 'transient' as const, code: 'ADAPTER_ERROR', reason: 'The channel could not be reached.' };
  }

  if (result.ok) {
    const accepted = result.providerMessageId;
    // The message row first, then its attempt: the order a status webhook adopting it locks them in.
    await recordOrForget(db, claim.attemptId, (tx) =>
      setStatus(tx, messageId, 'sent', { providerMessageId: accepted }).then(() =>
        finishAttempt(tx, claim.attemptId, 'accepted', { providerMessageId: accepted }),
      ),
    );
    await recordBreakerEvent(db, outbound.channel.id, 'answered', options.probe ?? false);
    return {
      outcome: 'sent',
      providerMessageId: result.providerMessageId,
      followUps: adapter.followUps?.(outbound, result.providerMessageId),
    };
  }

  const breakerEvent = result.throttle === 'number' ? 'throttled' : result.unreachable ? 'failure' : 'answered';
  const breaker = await recordBreakerEvent(db, outbound.channel.id, breakerEvent, options.probe ?? false, result.code);
  const error = { errorCode: result.code, errorReason: result.reason };
  const now = await databaseNow(db);
  if (result.throttle) {
    await finishAttempt(db, claim.attemptId, 'throttled', error);
    const until =
      result.throttle === 'number'
        ? (breaker?.throttledUntil ?? new Date(now.getTime() + throttlePauseMs(1)))
        : new Date(now.getTime() + pairLimitDelayMs(claim.pairLimitsSoFar + 1));
    throw new TransientDeliveryError(`${result.code}: ${result.reason}`, until, false);
  }
  const last = result.retry !== 'transient' || retryCount >= retryLimit;
  if (result.outcomeUnknown) {
    // It may have been accepted: keep the attempt open for its status webhook, and never resend before the grace.
    await finishAttempt(db, claim.attemptId, 'unknown', error);
    if (!last) {
      const graceEnd = claim.startedAt.getTime() + (options.graceMs ?? reconcileGraceMs());
      const until = new Date(Math.max(graceEnd, now.getTime() + retryDelayMs(retryCount)));
      throw new TransientDeliveryError(`${result.code}: ${result.reason}`, until, true);
    }
  } else {
    await finishAttempt(db, claim.attemptId, 'failed', error);
    if (!last)
      throw new TransientDeliveryError(`${result.code}: ${result.reason}`, new Date(now.getTime() + retryDelayMs(retryCount)), true);
  }
  if (result.retry === 'permanent' && result.channelNeedsAttention) {
    await markChannelNeedsAttention(db, outbound.channel.id, result.reason);
  }
  // Meta said the window had closed: the same correction as when it says so later in a status webhook.
  if (result.code === WINDOW_CLOSED_CODE) {
    await markWindowClosed(db, messageId);
    return { outcome: 'failed' };
  }
  const reason = result.retry === 'transient' ? gaveUp(result.reason, retryCount) : result.reason;
  await setStatus(db, messageId, 'failed', { errorCode: result.code, errorReason: reason });
  return { outcome: 'failed' };
}

const gaveUp = (reason: string, retryCount: number) => `${reason} (gave up after ${retryCount + 1} attempts)`;

export function reconcileGraceMs(): number {
  return env().DELIVERY_RECONCILE_GRACE_SECONDS * 1000;
}

type TClaim =
  | { kind: 'skip' }
  | { kind: 'wait'; until: Date; why: string }
  | { kind: 'exhausted'; attempts: number; lastError: { code: string; reason: string } }
  | { kind: 'claimed'; attemptId: number; startedAt: Date; failedSoFar: number; pairLimitsSoFar: number };

/**
 * Under the message's row lock: nothing else may be calling for it, an attempt of unknown outcome is reconciled
 * (its grace still running: wait; over without evidence: lost, counted as a failed attempt), and the new attempt is
 * committed before anyone calls the provider. A status webhook adopting an attempt takes the same lock.
 */
async function claimAttempt(
  db: TDbOrTx,
  outbound: TOutboundMessage & { workspaceId: string },
  workerId: number | null,
  graceMs: number,
): Promise<TClaim> {
  return db.transaction(async (tx): Promise<TClaim> => {
    const [message] = await tx
      .select({
        status: messages.status,
        since: sql<string>`coalesce(${messages.statusUpdatedAt}, ${messages.createdAt})::text`,
      })
      .from(messages)
      .where(eq(messages.id, outbound.messageId))
      .for('update');
    if (message?.status !== 'queued') return { kind: 'skip' };
    const now = await databaseNow(tx);
    const [open] = await tx
      .select({ id: deliveryAttempts.id, state: deliveryAttempts.state, startedAt: deliveryAttempts.startedAt })
      .from(deliveryAttempts)
      .where(and(eq(deliveryAttempts.messageId, outbound.messageId), inArray(deliveryAttempts.state, ['calling', 'unknown'])));
    // A call outlives its request timeout by far only if its outcome could not be recorded: treat it as unknown.
    const stale = open?.state === 'calling' && open.startedAt.getTime() < now.getTime() - STALE_CALL_MS;
    if (open?.state === 'calling' && !stale) {
      return { kind: 'wait', until: new Date(now.getTime() + 2000), why: 'another attempt is in flight' };
    }
    if (stale) await tx.update(deliveryAttempts).set({ state: 'unknown' }).where(eq(deliveryAttempts.id, open.id));
    if (open && (open.state === 'unknown' || stale)) {
      const graceEnd = new Date(open.startedAt.getTime() + graceMs);
      if (graceEnd > now) return { kind: 'wait', until: graceEnd, why: 'waiting for evidence of an attempt of unknown outcome' };
      await tx
        .update(deliveryAttempts)
        .set({ state: 'lost', finishedAt: now })
        .where(and(eq(deliveryAttempts.id, open.id), eq(deliveryAttempts.state, 'unknown')));
    }
    const [counts] = await tx
      .select({
        failed: sql<number>`count(*) filter (where ${deliveryAttempts.state} in ('failed', 'lost'))::int`,
        pair: sql<number>`count(*) filter (where ${deliveryAttempts.state} = 'throttled' and ${deliveryAttempts.errorCode} = ${PAIR_LIMIT_CODE})::int`,
        lastCode: sql<
          string | null
        >`(array_agg(${deliveryAttempts.errorCode} order by ${deliveryAttempts.id} desc) filter (where ${deliveryAttempts.state} in ('failed', 'lost')))[1]`,
        lastReason: sql<
          string | null
        >`(array_agg(${deliveryAttempts.errorReason} order by ${deliveryAttempts.id} desc) filter (where ${deliveryAttempts.state} in ('failed', 'lost')))[1]`,
      })
      .from(deliveryAttempts)
      .where(and(eq(deliveryAttempts.messageId, outbound.messageId), sql`${deliveryAttempts.startedAt} >= ${message.since}::timestamptz`));
    const failedSoFar = counts?.failed ?? 0;
    if (open && (open.state === 'unknown' || stale) && failedSoFar > SEND_RETRY_LIMIT) {
      return {
        kind: 'exhausted',
        attempts: failedSoFar,
        lastError: { code: counts?.lastCode ?? 'TIMEOUT', reason: counts?.lastReason ?? 'WhatsApp did not answer.' },
      };
    }
    const [created] = await tx
      .insert(deliveryAttempts)
      .values({ workspaceId: outbound.workspaceId, channelId: outbound.channel.id, messageId: outbound.messageId, workerId })
      .returning({ id: deliveryAttempts.id, startedAt: deliveryAttempts.startedAt });
    return { kind: 'claimed', attemptId: created!.id, startedAt: created!.startedAt, failedSoFar, pairLimitsSoFar: counts?.pair ?? 0 };
  });
}

const PAIR_LIMIT_CODE = '131056';
/** Far beyond a whole request (10 s) and the statements around it. */
const STALE_CALL_MS = 60_000;

/**
 * Records a provider's acceptance. Should that fail (the database unreachable, a deadlock), the attempt is marked
 * of unknown outcome if at all possible, so the message is reconciled (its status webhook adopts it) rather than
 * held forever by an attempt that still says "calling".
 */
async function recordOrForget(db: TDbOrTx, attemptId: number, record: (tx: TTx) => Promise<unknown>) {
  try {
    await db.transaction(record);
  } catch (error) {
    await db
      .update(deliveryAttempts)
      .set({ state: 'unknown' })
      .where(and(eq(deliveryAttempts.id, attemptId), eq(deliveryAttempts.state, 'calling')))
      .catch(() => {});
    throw error;
  }
}

async function finishAttempt(
  db: TDbOrTx,
  attemptId: number,
  state: 'accepted' | 'failed' | 'throttled' | 'unknown',
  extra: { providerMessageId?: string; errorCode?: string; errorReason?: string },
) {
  // Conditional: a status webhook may have adopted the attempt already (then it stays accepted). An acceptance is
  // recorded even over "unknown" (a sweeper that saw this worker's lease lapse mid-call): it is the evidence.
  const from: ('calling' | 'unknown')[] = state === 'accepted' ? ['calling', 'unknown'] : ['calling'];
  await db
    .update(deliveryAttempts)
    .set({ state, ...extra, finishedAt: state === 'unknown' ? null : sql`now()` })
    .where(and(eq(deliveryAttempts.id, attemptId), inArray(deliveryAttempts.state, from)));
}

/** WhatsApp's "re-engagement message" error: the customer's window had closed when the message reached Meta. */
export const WINDOW_CLOSED_CODE = '131047';

/**
 * Applies a provider's receipt by its message id; out-of-order receipts never move a status backwards. A receipt
 * for an id we never recorded (the worker died, or timed out, after Meta accepted the message) is matched by the
 * opaque data the send carried, our message id, on this channel only: the message adopts Meta's id and its open
 * attempt counts as accepted, so it is not sent again.
 */
export async function applyReceipt(
  db: TDbOrTx,
  channelId: string,
  providerMessageId: string,
  status: Exclude<TDeliveryStatus, 'queued'>,
  error?: { code: string; reason: string },
  opaque?: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), eq(messages.providerMessageId, providerMessageId)));
  const id = row?.id ?? (opaque ? await adoptByOpaque(db, channelId, providerMessageId, opaque) : null);
  if (!id) return false;
  if (status === 'failed' && error?.code === WINDOW_CLOSED_CODE) return markWindowClosed(db, id);
  return setStatus(db, id, status, error ? { errorCode: error.code, errorReason: error.reason } : {});
}

async function adoptByOpaque(db: TDbOrTx, channelId: string, providerMessageId: string, opaque: string): Promise<number | null> {
  if (!/^\d{1,15}$/.test(opaque)) return null;
  return db.transaction(async (tx) => {
    const [adopted] = await tx
      .update(messages)
      .set({ providerMessageId })
      .where(
        and(
          eq(messages.id, Number(opaque)),
          eq(messages.channelId, channelId),
          eq(messages.direction, 'out'),
          sql`${messages.providerMessageId} is null`,
        ),
      )
      .returning({ id: messages.id });
    if (!adopted) return null;
    await tx
      .update(deliveryAttempts)
      .set({ state: 'accepted', providerMessageId, finishedAt: sql`now()` })
      .where(and(eq(deliveryAttempts.messageId, adopted.id), inArray(deliveryAttempts.state, ['calling', 'unknown'])));
    logger.info({ messageId: adopted.id }, 'adopted an unrecorded send from its status webhook');
    return adopted.id;
  });
}

/**
 * The provider says the window had closed although we thought it open (a clock or ordering difference). Fail the
 * message with what to do, and move the conversation's last customer message back just far enough that every view
 * derived from it (chip, composer, sort, filters) now agrees the window is closed.
 */
async function markWindowClosed(db: TDbOrTx, messageId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const changed = await setStatus(tx, messageId, 'failed', {
      errorCode: WINDOW_CLOSED_CODE,
      errorReason: 'Window closed; send a template.',
    });
    const [message] = await tx
      .select({ conversationId: messages.conversationId, createdAt: messages.createdAt })
      .from(messages)
      .where(eq(messages.id, messageId));
    const [conversation] = await tx
      .select({
        id: conversations.id,
        workspaceId: conversations.workspaceId,
        channelType: conversations.channelType,
        lastInboundAt: conversations.lastInboundAt,
        assigneeId: conversations.assigneeId,
      })
      .from(conversations)
      .where(eq(conversations.id, message!.conversationId))
      .for('update');
    const now = await databaseNow(tx);
    // Only a window that was open when this message went out is corrected: a customer message since then has
    // legitimately opened a new one.
    const reopenedSince = conversation?.lastInboundAt && conversation.lastInboundAt > message!.createdAt;
    if (conversation && !reopenedSince && evaluateWindow(conversation.channelType, conversation.lastInboundAt, now).state === 'open') {
      const lastInboundAt = new Date(now.getTime() - FREE_WINDOW_MS);
      await tx
        .update(conversations)
        .set({ lastInboundAt, ...windowDeadlines(conversation.channelType, lastInboundAt), updatedAt: now })
        .where(eq(conversations.id, conversation.id));
      await notify(tx, {
        type: 'conversation.changed',
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        assigneeId: conversation.assigneeId,
        actorId: null,
      });
    }
    return changed;
  });
}

async function setStatus(
  db: TDbOrTx,
  messageId: number,
  status: Exclude<TDeliveryStatus, 'queued'>,
  extra: { providerMessageId?: string; errorCode?: string; errorReason?: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(messages)
      .set({
        status,
        statusUpdatedAt: sql`now()`,
        ...extra,
        ...(status === 'delivered' || status === 'read' ? { errorCode: null, errorReason: null } : {}),
      })
      .where(and(eq(messages.id, messageId), inArray(messages.status, statusesBefore(status))))
      .returning({ id: messages.id, conversationId: messages.conversationId, workspaceId: messages.workspaceId });
    if (!updated) return false;
    const [conversation] = await tx
      .select({ assigneeId: conversations.assigneeId })
      .from(conversations)
      .where(eq(conversations.id, updated.conversationId));
    await notify(tx, {
      type: 'message.status',
      workspaceId: updated.workspaceId,
      conversationId: updated.conversationId,
      messageId,
      status,
      assigneeId: conversation?.assigneeId ?? null,
    });
    return true;
  });
}

async function loadOutbound(db: TDbOrTx, messageId: number): Promise<(TOutboundMessage & { workspaceId: string }) | null> {
  const [row] = await db
    .select({
      message: messages,
      channel: { id: channels.id, type: channels.type, config: channels.config },
      contactId: conversations.contactId,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(eq(messages.id, messageId));
  if (!row || row.message.status !== 'queued' || row.message.direction !== 'out') return null;
  const [identity] = await db
    .select({ externalId: contactIdentities.externalId, bsuid: contactIdentities.bsuid })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.contactId, row.contactId), eq(contactIdentities.channelId, row.channel.id)));
  const m = row.message;
  let content: TOutboundMessage['content'];
  if (m.kind === 'template') {
    const [template] = await db
      .select({ parameterFormat: templates.parameterFormat, components: templates.components })
      .from(templates)
      .where(
        and(eq(templates.channelId, row.channel.id), eq(templates.name, m.templateName!), eq(templates.language, m.templateLanguage!)),
      );
    content = {
      kind: 'template',
      name: m.templateName!,
      language: m.templateLanguage!,
      params: (m.templateParams ?? {}) as Record<string, string>,
      parameterFormat: template?.parameterFormat ?? 'POSITIONAL',
      components: (template?.components ?? []) as TTemplateComponent[],
      renderedText: m.body ?? '',
    };
  } else {
    content = { kind: 'text', text: m.body ?? '', messagingTag: m.messagingTag === 'HUMAN_AGENT' ? 'HUMAN_AGENT' : null };
  }
  return {
    messageId,
    workspaceId: m.workspaceId,
    channel: { id: row.channel.id, type: row.channel.type, config: row.channel.config as Record<string, unknown> },
    recipient: { externalId: identity?.externalId ?? null, bsuid: identity?.bsuid ?? null, phone: null },
    content,
  };
}
