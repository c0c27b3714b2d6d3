import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SetupForm } from '@/components/setup/setup-form';
import { db } from '@/db/client';
import { hasAnyUser } from '@/server/services/workspaces/first-run';

export const dynamic = 'force-dynamic';

const BRAND = 'Nafidha';

/** The first-run set-up: only while the database has no user; afterwards it is gone (to the sign-in page). */
export default async function SetupPage() {
  if (await hasAnyUser(db())) redirect('/login');
  const t = await getTranslations('setup');
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold text-brand-700">{BRAND}</p>
        <h1 className="mt-1 text-2xl font-semibold text-slate-900">{t('title')}</h1>
        <p className="mt-2 text-sm text-slate-500">{t('intro')}</p>
        <SetupForm />
      </div>
    </main>
  );
}
