import { sql } from 'drizzle-orm';
import type { TDbOrTx, TTx } from '@/db/client';
import { memberships, setupCodes, users, workspaceSettings, workspaces } from '@/db/schema';
import type { TRole } from '@/server/domain/permissions';
import type { TLocale } from '@/server/domain/locales';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record';

/**
 * Held (for the transaction) by everything that may create the first user: the /setup form on any instance and the
 * user:create script. Whoever holds it sees whether a user exists and decides alone, so two set-ups submitted at
 * once cannot both create a workspace.
 */
export async function lockFirstUser(tx: TTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('nafidha:first-user', 0))`);
}

export async function anyUserIn(db: TDbOrTx): Promise<boolean> {
  const rows = await db.execute<{ found: boolean }>(sql`select exists(select 1 from ${users}) as found`);
  return Boolean(rows[0]?.found);
}

export type TNewPerson = { name: string; email: string; passwordHash: string; locale?: TLocale | null };

/**
 * A user and their membership. The email is already lower-cased (the credentials schema does it); one that is taken
 * is refused with EMAIL_TAKEN rather than a unique-violation 500.
 */
export async function insertMember(tx: TTx, workspaceId: string, person: TNewPerson, role: TRole): Promise<{ id: string; email: string }> {
  const [user] = await tx
    .insert(users)
    .values({ email: person.email, name: person.name, passwordHash: person.passwordHash, locale: person.locale ?? null })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email });
  if (!user) throw new AppError('EMAIL_TAKEN');
  await tx.insert(memberships).values({ workspaceId, userId: user.id, role });
  return user;
}

/**
 * A new workspace, its settings row (the defaults) and its first admin, recorded in the audit log, all in the
 * caller's transaction. Once a user exists the set-up codes are void, so they are deleted with it. `by`: the admin
 * themselves (the /setup form) or the system (a script).
 */
export async function createWorkspaceWithAdmin(
  tx: TTx,
  input: { workspaceName: string; admin: TNewPerson; by: 'admin' | 'system' },
): Promise<{ workspace: { id: string; name: string }; user: { id: string; email: string } }> {
  const [workspace] = await tx
    .insert(workspaces)
    .values({ name: input.workspaceName })
    .returning({ id: workspaces.id, name: workspaces.name });
  await tx.insert(workspaceSettings).values({ workspaceId: workspace!.id });
  const user = await insertMember(tx, workspace!.id, input.admin, 'admin');
  await tx.delete(setupCodes);
  await recordAudit(tx, {
    workspaceId: workspace!.id,
    actorId: input.by === 'admin' ? user.id : null,
    action: 'workspace.created',
    subject: { type: 'workspace', id: workspace!.id },
    data: { name: workspace!.name, via: input.by === 'admin' ? 'setup' : 'script' },
  });
  return { workspace: workspace!, user };
}
