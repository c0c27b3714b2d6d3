import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { env } from '@/server/env';
import { changeRole, listMembers } from '@/server/services/users/members';
import { deactivateMember, reactivateMember } from '@/server/services/users/deactivate';
import { createInvite, listPendingInvites, revokeInvite } from '@/server/services/users/invites';
import { mailConfigured, sendInviteEmail } from '@/server/services/users/mail';
import { issuePasswordReset } from '@/server/services/users/password-reset';
import {
  ZChangeRoleInput,
  ZCreateInviteInput,
  ZDeactivateInput,
  ZInviteIdInput,
  ZIssueResetInput,
  ZMemberInput,
} from '@/server/services/users/schemas';
import { requirePermission, router } from '../trpc';

/** A link on the app's public URL when it is configured, else on the origin the admin's browser is using. */
function linkUrl(path: string, origin: string | undefined): string {
  const base = env().NEXTAUTH_URL ?? origin;
  return base ? new URL(path, base).toString() : path;
}

const admins = requirePermission('user.manage');

/** Settings → Users, for admins (`user.manage`): members, invites, roles, deactivation, reset links. */
export const userRouter = router({
  list: admins.query(async ({ ctx }) => ({
    members: await listMembers(ctx.db, ctx.workspace.id),
    invites: await listPendingInvites(ctx.db, ctx.workspace.id),
    /** Whether "Create invite" also emails the link. */
    mail: mailConfigured(),
  })),
  invite: admins.input(ZCreateInviteInput).mutation(async ({ ctx, input }) => {
    const invite = await createInvite(ctx.db, ctx.actor, input);
    const url = linkUrl(`/invite/${invite.token}`, input.origin);
    const [inviter] = await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, ctx.userId));
    // After the commit: a mail server that is slow or down never holds or undoes the invite.
    const email = await sendInviteEmail({
      to: input.email,
      url,
      workspaceName: ctx.workspace.name,
      inviterName: inviter?.name ?? '',
      locale: input.locale,
      expiresAt: invite.expiresAt,
      timeZone: ctx.workspace.settings.timeZone,
      arabicIndicDigits: ctx.workspace.settings.arabicIndicDigits,
    });
    return { id: invite.id, url, expiresAt: invite.expiresAt, email };
  }),
  revokeInvite: admins.input(ZInviteIdInput).mutation(({ ctx, input }) => revokeInvite(ctx.db, ctx.actor, input)),
  changeRole: admins.input(ZChangeRoleInput).mutation(({ ctx, input }) => changeRole(ctx.db, ctx.actor, input)),
  deactivate: admins.input(ZDeactivateInput).mutation(({ ctx, input }) => deactivateMember(ctx.db, ctx.actor, input)),
  reactivate: admins.input(ZMemberInput).mutation(({ ctx, input }) => reactivateMember(ctx.db, ctx.actor, input)),
  resetPassword: admins.input(ZIssueResetInput).mutation(async ({ ctx, input }) => {
    const reset = await issuePasswordReset(ctx.db, ctx.actor, input);
    return { url: linkUrl(`/reset-password/${reset.token}`, input.origin), expiresAt: reset.expiresAt };
  }),
});
