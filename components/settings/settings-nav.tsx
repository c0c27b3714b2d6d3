'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { usePermissions } from '@/components/auth/use-permissions';
import { SETTINGS_SECTIONS } from './sections';

/** navigation "Settings": the sections this person may open, the current one marked for screen readers too. */
export function SettingsNav() {
  const t = useTranslations('settings');
  const pathname = usePathname();
  const { can } = usePermissions();
  return (
    <nav aria-label={t('title')} className="flex flex-col gap-1 p-3 text-sm">
      <Link href="/inbox" className="mb-3 px-3 py-2 text-brand-700 underline">
        {t('back')}
      </Link>
      {SETTINGS_SECTIONS.filter((section) => can(section.action)).map((section) => {
        const current = pathname === section.href || pathname.startsWith(`${section.href}/`);
        return (
          <Link
            key={section.key}
            href={section.href}
            aria-current={current ? 'page' : undefined}
            className={`rounded-lg px-3 py-2 ${current ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-700 hover:bg-slate-50'}`}
          >
            {t(`nav.${section.key}`)}
          </Link>
        );
      })}
    </nav>
  );
}
