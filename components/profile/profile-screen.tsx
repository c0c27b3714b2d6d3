'use client';

import '@/components/csp/zod-without-eval';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useErrorText } from '@/components/i18n/formats';
import { LanguageSwitch } from '@/components/i18n/language-switch';
import { useTRPC } from '@/components/trpc/client';
import { Section } from './field';
import { NameForm } from './name-form';
import { NotificationsForm } from './notifications-form';
import { PasswordForm } from './password-form';

export function ProfileScreen() {
  const t = useTranslations('profile');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const profile = useQuery(trpc.profile.get.queryOptions());

  return (
    <main className="mx-auto max-w-2xl space-y-5 p-6">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <Link href="/inbox" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </div>
      {profile.isError && (
        <p role="alert" className="text-sm text-rose-700">
          {errorText(profile.error)}
        </p>
      )}
      {profile.data && (
        <>
          <Section title={t('details')}>
            <NameForm name={profile.data.name} email={profile.data.email} />
          </Section>
          <Section title={t('password')}>
            <PasswordForm email={profile.data.email} />
          </Section>
          <Section title={t('language')}>
            <div className="max-w-xs">
              <LanguageSwitch />
            </div>
          </Section>
          <Section title={t('notifications')}>
            <NotificationsForm prefs={profile.data.notificationPrefs} />
          </Section>
        </>
      )}
    </main>
  );
}
