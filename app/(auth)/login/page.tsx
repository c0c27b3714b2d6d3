import { redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { getTranslations } from 'next-intl/server';
import { LoginForm } from '@/components/auth/login-form';
import { db } from '@/db/client';
import { authOptions } from '@/server/auth/options';
import { hasAnyUser } from '@/server/services/workspaces/first-run';

export const dynamic = 'force-dynamic';

const BRAND = 'Nafidha';

export default async function LoginPage() {
  if (!(await hasAnyUser(db()))) redirect('/setup');
  if (await getServerSession(authOptions())) redirect('/inbox');
  const t = await getTranslations('app');
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold text-brand-700">{BRAND}</h1>
        <p className="mt-1 text-sm text-slate-500">{t('tagline')}</p>
        <LoginForm />
      </div>
    </main>
  );
}
