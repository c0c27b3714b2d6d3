import { headers } from 'next/headers';
import { db } from '@/db/client';
import type { TWorkspaceActor } from '@/server/services/workspaces/context';
import { requestActor } from './request-actor';

/**
 * The actor of a server-rendered page, from the request's cookies by the same requestActor as tRPC and the socket
 * handshake (a revoked session counts as none); null when there is no current session or no workspace.
 */
export async function pageActor(): Promise<TWorkspaceActor | null> {
  const resolved = await requestActor(db(), (await headers()).get('cookie'));
  return resolved.status === 'ok' ? resolved.actor : null;
}
