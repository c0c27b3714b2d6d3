import { createSignInThrottle } from '@/server/auth/sign-in-throttle';
import { acceptInvite } from '@/server/services/users/accept-invite';
import { lookupInvite } from '@/server/services/users/invites';
import { completePasswordReset, lookupPasswordReset } from '@/server/services/users/password-reset';
import { ZAcceptInviteInput, ZCompleteResetInput, ZTokenInput } from '@/server/services/users/schemas';
import { publicProcedure, router } from '../trpc';

/**
 * The invite and reset-password pages, for people who are not signed in: the link's token is the credential (only
 * its hash is stored; a wrong one finds nothing and changes nothing).
 */
export const inviteRouter = router({
  lookup: publicProcedure.input(ZTokenInput).query(({ ctx, input }) => lookupInvite(ctx.db, input.token)),
  accept: publicProcedure.input(ZAcceptInviteInput).mutation(({ ctx, input }) => acceptInvite(ctx.db, createSignInThrottle(ctx.db), input)),
});

export const passwordResetRouter = router({
  lookup: publicProcedure.input(ZTokenInput).query(({ ctx, input }) => lookupPasswordReset(ctx.db, input.token)),
  complete: publicProcedure.input(ZCompleteResetInput).mutation(({ ctx, input }) => completePasswordReset(ctx.db, input)),
});

