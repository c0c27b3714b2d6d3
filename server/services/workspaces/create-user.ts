import { randomBytes } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TDb, TTx } from '@/db/client';
import { databaseNow } from '@/db/clock';
import { passwordResets, setupCodes, workspaces } from '@/db/schema';
import { isUuid } from '@/server/domain/limits';
import { ZEmail, ZPersonName, ZWorkspaceName } from '@/server/domain/names';
import { ZNewPassword } from '@/server/domain/new-password';
import { ROLES } from '@/server/domain/permissions';
import { PASSWORD_RESET_TTL_MS } from '@/server/domain/users';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record';
import { newLinkToken } from '@/server/services/users/tokens';
import { anyUserIn, createWorkspaceWithAdmin, insertMember, lockFirstUser } from './accounts';
import { hashPassword } from './passwords';

/** The first workspace's name when the script is not given one. */
export const DEFAULT_WORKSPACE_NAME = 'My workspace';

/**
 * `npm run user:create` (scripts/user-create.ts): its options, checked like the forms check theirs. The password
 * never comes from the command line (where `ps` shows it): the script reads it from stdin or NAFIDHA_PASSWORD.
 */
export const ZCreateUserInput = z.strictObject({
  email: ZEmail,
  role: z.enum(ROLES, { error: 'ROLE_INVALID' }),
  name: ZPersonName.optional(),
  password: ZNewPassword.optional(),
  /** An existing workspace's id or name; on a database with no workspace, the name of the first one. */
  workspace: ZWorkspaceName.optional(),
});

export type TCreateUserInput = z.infer<typeof ZCreateUserInput>;

export type TCreatedUser = {
  user: { id: string; email: string };
  workspace: { id: string; name: string };
  createdWorkspace: boolean;
  /** Set only when no password was given: the one-time link (its path's token) for the user to choose theirs. */
  resetToken?: string;
};

/**
 * Where the password comes from: `--password-stdin` (what was piped, one trailing line break dropped), else
 * NAFIDHA_PASSWORD, else none (a reset link is printed instead).
 */
export function passwordFrom(source: { passwordStdin: boolean; stdin?: string; environment?: string }): string | undefined {
  if (source.passwordStdin) return (source.stdin ?? '').replace(/\r?\n$/, '');
  return source.environment ? source.environment : undefined;
}

async function findWorkspace(tx: TTx, reference: string | undefined): Promise<{ id: string; name: string }> {
  const columns = { id: workspaces.id, name: workspaces.name };
  if (reference && isUuid(reference)) {
    const [byId] = await tx.select(columns).from(workspaces).where(eq(workspaces.id, reference));
    if (byId) return byId;
  }
  const rows = reference
    ? await tx
        .select(columns)
        .from(workspaces)
        .where(sql`lower(${workspaces.name}) = lower(${reference})`)
        .limit(2)
    : await tx.select(columns).from(workspaces).orderBy(asc(workspaces.createdAt)).limit(2);
  if (reference && rows.length === 0) throw new AppError('NOT_FOUND', 'workspaceNotFound');
  if (reference && rows.length > 1) throw new AppError('CONFLICT', 'workspaceAmbiguous');
  if (rows.length > 1) throw new AppError('INVALID_INPUT', 'workspaceRequired');
  return rows[0]!;
}

/** A reset link for the new user, so the password is theirs from the start and is never shown or typed anywhere. */
async function issueFirstReset(tx: TTx, workspaceId: string, user: { id: string; email: string }): Promise<string> {
  const now = await databaseNow(tx);
  const { token, hash } = newLinkToken();
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS);
  await tx.insert(passwordResets).values({ workspaceId, userId: user.id, tokenHash: hash, createdBy: null, expiresAt });
  await recordAudit(tx, {
    workspaceId,
    actorId: null,
    action: 'user.passwordResetIssued',
    subject: { type: 'user', id: user.id },
    data: { email: user.email, expiresAt: expiresAt.toISOString(), via: 'script' },
  });
  return token;
}

/**
 * Creates a user for scripted installs: in the workspace named (by id or name; the only one when there is one), or,
 * on a database with no workspace, in a new one ("My workspace" unless named) they are the admin of. Under the same
 * lock as the /setup form, so the two cannot both create a first workspace; the set-up codes are void once a user
 * exists. Without a password the account gets an unusable one and a one-time reset link.
 */
export async function createUserAccount(db: TDb, input: TCreateUserInput): Promise<TCreatedUser> {
  const person = {
    email: input.email,
    name: input.name ?? input.email.split('@')[0]!,
    // Without a password, 32 random bytes nobody ever sees: the account opens only through its reset link.
    passwordHash: await hashPassword(input.password ?? randomBytes(32).toString('base64url')),
  };
  return db.transaction(async (tx) => {
    await lockFirstUser(tx);
    const [any] = await tx.select({ id: workspaces.id }).from(workspaces).limit(1);
    let result: Omit<TCreatedUser, 'resetToken'>;
    if (!any) {
      // A workspace always keeps an active admin, so its first member must be one.
      if (input.role !== 'admin') throw new AppError('INVALID_INPUT', 'firstUserAdmin');
      const created = await createWorkspaceWithAdmin(tx, { workspaceName: input.workspace ?? DEFAULT_WORKSPACE_NAME, admin: person, by: 'system' });
      result = { ...created, createdWorkspace: true };
    } else {
      const workspace = await findWorkspace(tx, input.workspace);
      const wasFirst = !(await anyUserIn(tx));
      const user = await insertMember(tx, workspace.id, person, input.role);
      if (wasFirst) await tx.delete(setupCodes);
      await recordAudit(tx, {
        workspaceId: workspace.id,
        actorId: null,
        action: 'user.created',
        subject: { type: 'user', id: user.id },
        data: { email: user.email, role: input.role, via: 'script' },
      });
      result = { user, workspace, createdWorkspace: false };
    }
    if (input.password) return result;
    return { ...result, resetToken: await issueFirstReset(tx, result.workspace.id, result.user) };
  });
}
