import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { SimulatorScreen } from '@/components/admin/simulator-screen';
import { db } from '@/db/client';
import { authOptions } from '@/server/auth/options';
import { WORKSPACE_COOKIE } from '@/server/auth/session';
import { simulatorEnabled } from '@/server/env';
import { resolveWorkspace } from '@/server/services/workspaces/context';

export const dynamic = 'force-dynamic';

/** Demo and development only (CUSTOMER_SIMULATOR), and admins only. */
export default async function SimulatorPage() {
  if (!simulatorEnabled()) notFound();
  const session = await getServerSession(authOptions());
  const workspace = session ? await resolveWorkspace(db(), session.user.id, (await cookies()).get(WORKSPACE_COOKIE)?.value ?? null) : null;
  if (workspace?.role !== 'admin') redirect('/inbox');
  return <SimulatorScreen />;
}
