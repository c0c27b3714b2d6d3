import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { NumbersScreen } from '@/components/admin/numbers-screen';
import { db } from '@/db/client';
import { authOptions } from '@/server/auth/options';
import { WORKSPACE_COOKIE } from '@/server/auth/session';
import { resolveWorkspace } from '@/server/services/workspaces/context';

export const dynamic = 'force-dynamic';

/** Admins only: everyone else is sent back to the inbox (the procedure behind the page refuses them too). */
export default async function NumbersPage() {
  const session = await getServerSession(authOptions());
  const workspace = session ? await resolveWorkspace(db(), session.user.id, (await cookies()).get(WORKSPACE_COOKIE)?.value ?? null) : null;
  if (workspace?.role !== 'admin') redirect('/inbox');
  return <NumbersScreen />;
}
