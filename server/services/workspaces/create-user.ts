import { randomBytes } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TDb, TTx } from '@/db/client';
import { setupCodes, workspaces } from '@/db/schema';
import { ZEmail, ZPersonName, ZWorkspaceName } from '@/server/domain/names';
import { isUuid } from '@/server/domain/limits';
import { ZNewPassword } from '@/server/domain/new-password';
import { ROLES } from '@/server/domain/permissions';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record';
import { anyUserIn, createWorkspaceWithAdmin, insertMember, lockFirstUser } from './accounts';
import { hashPassword } from './passwords';

/** `npm run user:create` (scripts/user-create.ts): its options, checked like the forms check theirs. */
export const ZCreateUserInput = z
  .strictObject({
    email: ZEmail,
    role: z.enum(ROLES, { error: 'ROLE_INVALID' }),
    name: ZPersonName.optional(),
    password: ZNewPassword.optional(),
    /** A workspace's id or exact name. */
    workspace: z.string().trim().min(1, 'WORKSPACE_NAME_REQUIRED').max(200, 'WORKSPACE_NAME_TOO_LONG').optional(),
    /** Creates the first workspace (only when there is none). */
    workspaceName: ZWorkspaceName.optional(),
  })
  .refine((input) => !(input.workspace && input.workspaceName), { message: 'WORKSPACE_BOTH', path: ['workspaceName'] })
  .refine((input) => !input.workspaceName || input.role === 'admin', { message: 'FIRST_USER_ADMIN', path: ['role'] });

export type TCreateUserInput = z.infer<typeof ZCreateUserInput>;

export type TCreatedUser = {
  user: { id: string; email: string };
  workspace: { id: string; name: string };
  createdWorkspace: boolean;
  /** Set only when none was given: shown once by the script, stored nowhere but as its hash. */
  generatedPassword?: string;
};

/** Sixteen characters of base64url: 96 random bits. */
const generatePassword = () => randomBytes(12).toString('base64url');

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
  if (rows.length === 0) throw new AppError('INVALID_INPUT', 'noWorkspaceYet');
  if (rows.length > 1) throw new AppError('INVALID_INPUT', 'workspaceRequired');
  return rows[0]!;
}

/**
 * Creates a user for scripted installs: in the workspace named (by id or name; the only one when there is one), or,
 * with `workspaceName` on a database without any workspace, in a new one they are the admin of. Under the same lock
 * as the /setup form, so the two cannot both create a first workspace; the set-up codes are void once a user exists.
 */
export async function createUserAccount(db: TDb, input: TCreateUserInput): Promise<TCreatedUser> {
  const generatedPassword = input.password ? undefined : generatePassword();
  const person = {
    email: input.email,
    name: input.name ?? input.email.split('@')[0]!,
    passwordHash: await hashPassword(input.password ?? generatedPassword!),
  };
  const result = await db.transaction(async (tx) => {
    await lockFirstUser(tx);
    if (input.workspaceName) {
      const [existing] = await tx.select({ id: workspaces.id }).from(workspaces).limit(1);
      if (existing) throw new AppError('INVALID_INPUT', 'workspaceNameNeedsEmpty');
      const created = await createWorkspaceWithAdmin(tx, { workspaceName: input.workspaceName, admin: person, by: 'system' });
      return { ...created, createdWorkspace: true };
    }
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
    return { user, workspace, createdWorkspace: false };
  });
  return { ...result, ...(generatedPassword ? { generatedPassword } : {}) };
}
