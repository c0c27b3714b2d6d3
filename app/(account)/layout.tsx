import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import type { ReactNode } from 'react';
import { TrpcProviders } from '@/components/trpc/client';
import { db } from '@/db/client';
import { authOptions } from '@/server/auth/options';
import { hasAnyUser } from '@/server/services/workspaces/first-run';

export const dynamic = 'force-dynamic';

/**
 * The person's own pages (the profile), signed in like the app's, but without the realtime socket: changing one's
 * password ends every session of the user, and the socket of an (app) page would be dropped with them and send this
 * tab to the sign-in page before it has signed in again with the new password.
 */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  if (!(await hasAnyUser(db()))) redirect('/setup');
  if (!(await getServerSession(authOptions()))) redirect('/login');
  return <TrpcProviders>{children}</TrpcProviders>;
}
