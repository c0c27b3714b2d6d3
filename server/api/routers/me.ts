import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { simulatorEnabled } from '@/server/env';
import { AppError } from '@/server/errors';
import { LOCALES } from '@/server/i18n/locales';
import { listMemberships } from '@/server/services/workspaces/context';
import { protectedProcedure, router, workspaceProcedure } from '../trpc';

export const meRouter = router({
  get: workspaceProcedure.query(async ({ ctx }) => {
    const [user] = await ctx.db
      .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
      .from(users)
      .where(eq(users.id, ctx.userId));
    if (!user) throw new AppError('UNAUTHENTICATED');
    return {
      user,
      workspace: {
        id: ctx.workspace.id,
        name: ctx.workspace.name,
        role: ctx.workspace.role,
        arabicIndicDigits: ctx.workspace.settings.arabicIndicDigits,
      },
      memberships: await listMemberships(ctx.db, ctx.userId),
      /** Dev tools this server offers (the customer simulator is off in production unless enabled). */
      features: { simulator: simulatorEnabled() },
    };
  }),
  /** The user's language, kept on their profile so it follows them to any browser. */
  setLocale: protectedProcedure.input(z.object({ locale: z.enum(LOCALES) })).mutation(async ({ ctx, input }) => {
    await ctx.db.update(users).set({ locale: input.locale }).where(eq(users.id, ctx.userId));
    return { locale: input.locale };
  }),
});
