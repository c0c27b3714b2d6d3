import { ZNotificationPrefs } from '@/server/domain/notification-prefs';
import { ZChangePasswordInput, ZUpdateNameInput } from '@/server/domain/profile';
import { changePassword, getProfile, setNotificationPrefs, updateName } from '@/server/services/workspaces/profile';
import { protectedProcedure, router } from '../trpc';

/**
 * The signed-in person's own profile (/profile), for everyone, in or out of a workspace: each procedure acts on the
 * session's user and takes no user id (the language is me.setLocale, shared with the sidebar's switch).
 */
export const profileRouter = router({
  get: protectedProcedure.query(({ ctx }) => getProfile(ctx.db, ctx.userId)),
  updateName: protectedProcedure.input(ZUpdateNameInput).mutation(({ ctx, input }) => updateName(ctx.db, ctx.userId, input.name)),
  changePassword: protectedProcedure.input(ZChangePasswordInput).mutation(({ ctx, input }) => changePassword(ctx.db, ctx.userId, input)),
  setNotificationPrefs: protectedProcedure
    .input(ZNotificationPrefs)
    .mutation(({ ctx, input }) => setNotificationPrefs(ctx.db, ctx.userId, input)),
});
