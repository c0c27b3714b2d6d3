import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import type { ReactNode } from 'react';
import { RealtimeProvider } from '@/components/realtime/socket-provider';
import { TrpcProviders } from '@/components/trpc/client';
import { ToastProvider } from '@/components/ui/toasts';
import { db } from '@/db/client';
import { authOptions } from '@/server/auth/options';
import { hasAnyUser } from '@/server/services/workspaces/first-run';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: ReactNode }) {
  // A fresh install (no user yet) has nobody to sign in: every page leads to the first-run set-up.
  if (!(await hasAnyUser(db()))) redirect('/setup');
  if (!(await getServerSession(authOptions()))) redirect('/login');
  return (
    <TrpcProviders>
      <ToastProvider>
        <RealtimeProvider>{children}</RealtimeProvider>
      </ToastProvider>
    </TrpcProviders>
  );
}
