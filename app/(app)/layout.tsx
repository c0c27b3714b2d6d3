import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import type { ReactNode } from 'react';
import { RealtimeProvider } from '@/components/realtime/socket-provider';
import { TrpcProviders } from '@/components/trpc/client';
import { ToastProvider } from '@/components/ui/toasts';
import { authOptions } from '@/server/auth/options';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: ReactNode }) {
  if (!(await getServerSession(authOptions()))) redirect('/login');
  return (
    <TrpcProviders>
      <ToastProvider>
        <RealtimeProvider>{children}</RealtimeProvider>
      </ToastProvider>
    </TrpcProviders>
  );
}
