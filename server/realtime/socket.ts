import type { Server as HttpServer } from 'node:http';
import type postgres from 'postgres';
import { Server } from 'socket.io';
import { requestActor } from '@/server/auth/request-actor';
import type { TPermissionActor } from '@/server/domain/permissions';
import { logger } from '@/server/logger';
import { SESSIONS_CHANNEL } from '@/server/services/workspaces/sessions';
import type { TDb } from '@/db/client';
import { createRealtimeAdapter, type TRealtimeAdapterOptions } from './adapter';
import { createSessionRecheck } from './session-recheck';
import {
  mayHear,
  REALTIME_CHANNEL,
  workspaceRoom,
  type TClientToServerEvents,
  type TRealtimeEvent,
  type TServerToClientEvents,
  visiblePart,
} from './events';

/** The session (re-checked for revocation) and the actor's permissions, as of the handshake. */
type TSocketData = TPermissionActor & { sessionVersion: number; workspaceId: string };

/** Every socket of one user on this instance, so revoking their sessions can drop them all at once. */
const userRoom = (userId: string) => `user:${userId}`;

/**
 * socket.io on the app's own HTTP server. A handshake is accepted only with a valid session cookie (the same
 * next-auth JWT the pages use) whose session version is still the user's; the socket then joins its workspace's
 * room and its user's room (so revoking the user's sessions can drop it).
 *
 * Across instances there are two paths, each carrying different traffic, so nothing is delivered twice:
 * - Domain events (message.created, conversation.changed, ...) travel by PostgreSQL NOTIFY, which the writing
 *   transaction queues and the database sends on commit to every instance's LISTEN. Each instance hands an event to
 *   its own sockets only (`socket.emit`, never `io.to(room).emit`, which the adapter would repeat on every
 *   instance), each filtered by `mayHear` against that socket's user. A socket lives on exactly one instance, so it
 *   hears each event once. Relaying them through the adapter instead would add a hop, need a single elected
 *   listener (or every instance would rebroadcast the same NOTIFY) and per-visibility rooms to replace `mayHear`.
 * - io-level operations (broadcasts, room joins and leaves, fetchSockets, disconnectSockets, serverSideEmit) go
 *   through the socket.io adapter: Postgres LISTEN/NOTIFY on the same database by default, Redis when REDIS_URL
 *   is set.
 */
export async function attachRealtime(
  httpServer: HttpServer,
  database: { db: TDb; sql: postgres.Sql },
  adapterOptions: TRealtimeAdapterOptions,
) {
  const adapter = await createRealtimeAdapter(adapterOptions);
  const io = new Server<TClientToServerEvents, TServerToClientEvents, Record<string, never>, TSocketData>(httpServer, {
    path: '/socket.io',
    serveClient: false,
    // Other upgrade requests (Next's dev HMR) are handed on by server/index.ts instead of being dropped.
    destroyUpgrade: false,
    adapter: adapter.adapter,
  });
  logger.info({ adapter: adapter.kind }, 'realtime adapter attached');

  io.use(async (socket, next) => {
    try {
      const resolved = await requestActor(database.db, socket.request.headers.cookie);
      if (resolved.status === 'signed-out' || resolved.status === 'revoked') return next(new Error('UNAUTHENTICATED'));
      if (resolved.status === 'no-workspace') return next(new Error('NO_WORKSPACE'));
      const { claim, actor } = resolved;
      socket.data = {
        userId: claim.userId,
        sessionVersion: claim.sessionVersion,
        workspaceId: actor.workspace.id,
        role: actor.role,
        agentsSeeAll: actor.agentsSeeAll,
      };
      next();
    } catch (error) {
      logger.error({ err: error }, 'socket handshake failed');
      next(new Error('UNAVAILABLE'));
    }
  });

  io.on('connection', (socket) => {
    void socket.join([workspaceRoom(socket.data.workspaceId), userRoom(socket.data.userId)]);
    socket.emit('ready', { workspaceId: socket.data.workspaceId });
  });

  // An event addressed to people goes to their own rooms (those of their sockets in this workspace), not the workspace's.
  const rooms = io.sockets.adapter.rooms;
  const listenersOf = (event: TRealtimeEvent): Iterable<string> =>
    event.type === 'window.closingSoon' || event.type === 'mention.created'
      ? new Set(event.userIds.flatMap((userId) => [...(rooms.get(userRoom(userId)) ?? [])]))
      : (rooms.get(workspaceRoom(event.workspaceId)) ?? []);

  const listener = await database.sql.listen(REALTIME_CHANNEL, (payload) => {
    try {
      const event = JSON.parse(payload) as TRealtimeEvent;
      // Every instance hears every NOTIFY and delivers to its own sockets only: the adapter's `rooms` holds this
      // instance's members, and a `local` broadcast never leaves the process. Listeners who see the same part of
      // the event get one broadcast, so the packet is encoded once per variant, not once per socket.
      const audiences = new Map<string, { part: TRealtimeEvent; socketIds: string[] }>();
      for (const socketId of listenersOf(event)) {
        const socket = io.sockets.sockets.get(socketId);
        if (socket && socket.data.workspaceId !== event.workspaceId) continue;
        // What a socket may hear follows the setting from now on, not as it was at the handshake.
        if (socket && event.type === 'workspace.settingsChanged') socket.data.agentsSeeAll = event.agentsSeeAll;
        if (!socket || !mayHear(socket.data, event)) continue;
        const part = visiblePart(socket.data, event);
        const key = part === event ? '' : part.type === 'counts.changed' ? JSON.stringify(part.changes) : 'without-row';
        const audience = audiences.get(key) ?? { part, socketIds: [] };
        audience.socketIds.push(socketId);
        audiences.set(key, audience);
      }
      for (const { part, socketIds } of audiences.values()) io.local.to(socketIds).emit('event', part);
    } catch (error) {
      logger.warn({ err: error }, 'dropped a malformed realtime notification');
    }
  });

  // Sessions revoked anywhere (sign-out, revokeSessions in any process): each instance drops its own sockets of
  // that user, within the NOTIFY's round trip. The client does not reconnect after a server-side disconnect.
  // A notice sent while the listener was reconnecting is lost, so every (re)connect, and a timer, re-check them all.
  const recheck = createSessionRecheck(database.db, () => io.sockets.sockets.values());
  const recheckLogged = () =>
    void recheck.checkNow().catch((error: unknown) => logger.warn({ err: error }, 'session re-check failed; the next one will retry'));
  const sessionsListener = await database.sql.listen(
    SESSIONS_CHANNEL,
    (userId) => {
      io.in(userRoom(userId)).local.disconnectSockets(true);
    },
    recheckLogged,
  );

  return {
    io,
    /** Re-checks every open socket's session now (the timer and listener reconnects do it on their own). */
    recheckSessions: recheck.checkNow,
    close: async () => {
      recheck.stop();
      await sessionsListener.unlisten();
      await listener.unlisten();
      await io.close();
      await adapter.close();
    },
  };
}
