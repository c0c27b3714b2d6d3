import { and, asc, eq } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { memberships, workspaceSettings, workspaces } from '@/db/schema';

export type TRole = 'agent' | 'supervisor' | 'admin';

export type TWorkspaceContext = {
  id: string;
  name: string;
  role: TRole;
  settings: { unassignOnClose: boolean; agentsSeeAll: boolean; defaultCountry: string; arabicIndicDigits: boolean };
};

export async function listMemberships(db: TDbOrTx, userId: string) {
  return db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(workspaces.name));
}

/**
 * The workspace a request acts in: the requested one if the user belongs to it, else their first.
 * Returns null when the user belongs to no workspace (or asked for one they are not in and have none).
 */
export async function resolveWorkspace(db: TDbOrTx, userId: string, requestedId: string | null): Promise<TWorkspaceContext | null> {
  const base = db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      role: memberships.role,
      unassignOnClose: workspaceSettings.unassignOnClose,
      agentsSeeAll: workspaceSettings.agentsSeeAll,
      defaultCountry: workspaceSettings.defaultCountry,
      arabicIndicDigits: workspaceSettings.arabicIndicDigits,
    })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .leftJoin(workspaceSettings, eq(workspaceSettings.workspaceId, workspaces.id));
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const [row] =
    requestedId && uuid.test(requestedId)
      ? await base.where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, requestedId))).limit(1)
      : await base.where(eq(memberships.userId, userId)).orderBy(asc(memberships.createdAt)).limit(1);
  return row ? workspaceContextOf(row) : null;
}

/** A workspace row with its (possibly missing) settings row, defaults filled in. */
export function workspaceContextOf(row: {
  id: string;
  name: string;
  role: TRole;
  unassignOnClose: boolean | null;
  agentsSeeAll: boolean | null;
  defaultCountry: string | null;
  arabicIndicDigits: boolean | null;
}): TWorkspaceContext {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    settings: {
      unassignOnClose: row.unassignOnClose ?? false,
      agentsSeeAll: row.agentsSeeAll ?? true,
      defaultCountry: row.defaultCountry ?? 'SA',
      arabicIndicDigits: row.arabicIndicDigits ?? false,
    },
  };
}
