import type { TDbOrTx } from '@/db/client';
import { logger } from '@/server/logger';
import { staleSessions, type TSessionClaim } from '@/server/services/workspaces/sessions';

/** Often enough that a lost revocation notice leaves a socket open for under a minute, rarely enough to cost nothing. */
export const SESSION_RECHECK_INTERVAL_MS = 45_000;

type TCheckedSocket = { data: TSessionClaim; disconnect: (close: boolean) => unknown };

/**
 * The backstop behind the revocation NOTIFY: that notice is lost if it is sent while the LISTEN connection is down,
 * and events carry customers' phone numbers and message previews. So every socket this instance holds is re-checked
 * against users.session_version now and then, and whenever the listener (re)connects, in one query for all of them;
 * a socket whose session is no longer current is dropped (the client does not reconnect after a server disconnect).
 */
export function createSessionRecheck(db: TDbOrTx, sockets: () => Iterable<TCheckedSocket>, intervalMs = SESSION_RECHECK_INTERVAL_MS) {
  let running: Promise<number> | null = null;

  const check = async (): Promise<number> => {
    const held = [...sockets()];
    const claims = new Map<string, TSessionClaim>();
    for (const { data } of held) claims.set(`${data.userId}:${data.sessionVersion}`, { userId: data.userId, sessionVersion: data.sessionVersion });
    const stale = new Set((await staleSessions(db, [...claims.values()])).map((c) => `${c.userId}:${c.sessionVersion}`));
    let dropped = 0;
    for (const socket of held) {
      if (!stale.has(`${socket.data.userId}:${socket.data.sessionVersion}`)) continue;
      socket.disconnect(true);
      dropped += 1;
    }
    return dropped;
  };

  /** Resolves with how many sockets were dropped; a check already under way is shared rather than repeated. */
  const checkNow = (): Promise<number> => {
    running ??= check().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => {
    checkNow().catch((error: unknown) => logger.warn({ err: error }, 'session re-check failed; the next one will retry'));
  }, intervalMs);
  timer.unref();

  return { checkNow, stop: () => clearInterval(timer) };
}
