import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { SettingsNav } from '@/components/settings/settings-nav';
import { pageActor } from '@/server/auth/page-actor';
import { can } from '@/server/domain/permissions';

export const dynamic = 'force-dynamic';

/** Settings, for those `can` lets in (agents go back to the inbox); each section's page checks its own action. */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const actor = await pageActor();
  if (!actor || !can(actor, 'settings.view')) redirect('/inbox');
  const t = await getTranslations('settings');
  return (
    <div className="flex h-full">
      <aside className="w-56 shrink-0 border-e border-slate-200 bg-white">
        <h1 className="px-6 pt-4 text-lg font-semibold">{t('title')}</h1>
        <SettingsNav />
      </aside>
      <main className="min-w-0 flex-1 overflow-y-auto p-6">{children}</main>
    </div>
  );
}
