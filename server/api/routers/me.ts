import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { AppError } from '@/server/errors';
import { listMemberships } from '@/server/services/workspaces';
import { router, workspaceProcedure } from '../trpc';

export const meRouter = router({
  get: workspaceProcedure.query(async ({ ctx }) => {
    const [user] = await ctx.db
      .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
      .from(users)
      .where(eq(users.id, ctx.userId));
    if (!user) throw new AppError('UNAUTHENTICATED');
    return {
      user,
      workspace: { id: ctx.workspace.id, name: ctx.workspace.name, role: ctx.workspace.role },
      memberships: await listMemberships(ctx.db, ctx.userId),
    };
  }),
});
