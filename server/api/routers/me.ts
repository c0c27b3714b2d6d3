import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { readNotificationPrefs } from '@/server/domain/notification-prefs';
import { simulatorEnabled } from '@/server/env';
import { AppError } from '@/server/errors';
import { listMemberships } from '@/server/services/workspaces/context';
import { ZSetLocaleInput } from '@/server/services/workspaces/schemas';
import { protectedProcedure, router, workspaceProcedure } from '../trpc';

export const meRouter = router({
  get: workspaceProcedure.query(async ({ ctx }) => {
    const [user] = await ctx.db
      .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, notificationPrefs: users.notificationPrefs })
      .from(users)
      .where(eq(users.id, ctx.userId));
    if (!user) throw new AppError('UNAUTHENTICATED');
    const { notificationPrefs, ...person } = user;
    return {
      user: person,
      /** What this person wants to be told of (their profile), with the defaults filled in. */
      notificationPrefs: readNotificationPrefs(notificationPrefs),
      workspace: {
        id: ctx.workspace.id,
        name: ctx.workspace.name,
        role: ctx.actor.role,
        /** With the role, what the browser's `can` needs (usePermissions). */
        agentsSeeAll: ctx.actor.agentsSeeAll,
        arabicIndicDigits: ctx.workspace.settings.arabicIndicDigits,
        /** IANA zone for times, or null for the browser's own. */
        timeZone: ctx.workspace.settings.timeZone,
        /** National phone numbers typed in the contact panel are read in this country (ISO 3166 alpha-2). */
        defaultCountry: ctx.workspace.settings.defaultCountry,
      },
      memberships: await listMemberships(ctx.db, ctx.userId),
      /** Dev tools this server offers (the customer simulator is off in production unless enabled). */
      features: { simulator: simulatorEnabled() },
    };
  }),
  /** The user's language, kept on their profile so it follows them to any browser. */
  setLocale: protectedProcedure.input(ZSetLocaleInput).mutation(async ({ ctx, input }) => {
    await ctx.db.update(users).set({ locale: input.locale }).where(eq(users.id, ctx.userId));
    return { locale: input.locale };
  }),
});
