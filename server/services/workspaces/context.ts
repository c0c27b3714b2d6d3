import { and, asc, eq, isNull } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { memberships, users, workspaceSettings, workspaces } from '@/db/schema';
import { isUuid } from '@/server/domain/limits';
import type { TPermissionActor, TRole } from '@/server/domain/permissions';
import { CLOSING_ALERT_MINUTES_DEFAULT } from '@/server/domain/closing-alerts';
import type { TClosingNoteMode } from '@/server/domain/workspace-settings';

export type TWorkspaceContext = {
  id: string;
  name: string;
  role: TRole;
  /** Read with the membership on every request, so a change takes effect on the next one. */
  settings: {
    unassignOnClose: boolean;
    agentsSeeAll: boolean;
    defaultCountry: string;
    arabicIndicDigits: boolean;
    closingNote: TClosingNoteMode;
    timeZone: string | null;
    /** Closing-soon lead times in minutes (absent: the defaults); the "Closing soon" view reaches the largest. */
    closingAlertMinutes?: readonly number[];
  };
};

/**
 * Who acts, and where: the member, their role in this workspace, and the settings their permissions depend on. A
 * TPermissionActor as it is, so it goes straight into `can`.
 */
export type TWorkspaceActor = TPermissionActor & { workspace: TWorkspaceContext };

export function workspaceActor(workspace: TWorkspaceContext, userId: string): TWorkspaceActor {
  return { workspace, userId, role: workspace.role, agentsSeeAll: workspace.settings.agentsSeeAll };
}

export async function listMemberships(db: TDbOrTx, userId: string) {
  return db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.deactivatedAt)))
    .orderBy(asc(memberships.createdAt), asc(workspaces.name));
}

/**
 * The workspace a request acts in: the requested one if the user belongs to it, else (nothing requested, or not a
 * UUID) their first. `workspace` is null when the user belongs to no such workspace; `userFound` is false when the
 * user is gone or, given a session version, that version is no longer the user's. One query either way: the
 * session check of every procedure rides on the membership lookup it makes anyway (resolveSessionWorkspace).
 */
export async function findWorkspace(
  db: TDbOrTx,
  user: { userId: string; sessionVersion?: number },
  requestedId: string | null,
): Promise<{ userFound: false } | { userFound: true; workspace: TWorkspaceContext | null }> {
  const requested = requestedId && isUuid(requestedId) ? requestedId : null;
  const [row] = await db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      role: memberships.role,
      unassignOnClose: workspaceSettings.unassignOnClose,
      agentsSeeAll: workspaceSettings.agentsSeeAll,
      defaultCountry: workspaceSettings.defaultCountry,
      arabicIndicDigits: workspaceSettings.arabicIndicDigits,
      closingNote: workspaceSettings.closingNote,
      timeZone: workspaceSettings.timeZone,
      closingAlertMinutes: workspaceSettings.closingAlertMinutes,
    })
    .from(users)
    .leftJoin(
      memberships,
      // A deactivated membership is no membership: its user can neither act nor sign in there.
      and(eq(memberships.userId, users.id), isNull(memberships.deactivatedAt), requested ? eq(memberships.workspaceId, requested) : undefined),
    )
    .leftJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .leftJoin(workspaceSettings, eq(workspaceSettings.workspaceId, workspaces.id))
    .where(user.sessionVersion === undefined ? eq(users.id, user.userId) : and(eq(users.id, user.userId), eq(users.sessionVersion, user.sessionVersion)))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (!row) return { userFound: false };
  return { userFound: true, workspace: row.id && row.name && row.role ? workspaceContextOf({ ...row, id: row.id, name: row.name, role: row.role }) : null };
}

/** findWorkspace without a session check (server pages, scripts and tests that already know the user). */
export async function resolveWorkspace(db: TDbOrTx, userId: string, requestedId: string | null): Promise<TWorkspaceContext | null> {
  const found = await findWorkspace(db, { userId }, requestedId);
  return found.userFound ? found.workspace : null;
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
  closingNote?: TClosingNoteMode | null;
  timeZone?: string | null;
  closingAlertMinutes?: number[] | null;
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
      closingNote: row.closingNote ?? 'optional',
      timeZone: row.timeZone ?? null,
      closingAlertMinutes: row.closingAlertMinutes ?? CLOSING_ALERT_MINUTES_DEFAULT,
    },
  };
}
