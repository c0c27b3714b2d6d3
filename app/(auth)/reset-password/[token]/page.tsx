import { getTranslations } from 'next-intl/server';
import { TrpcProviders } from '@/components/trpc/client';
import { LinkPageFrame, LinkStateMessage } from '@/components/users/link-state';
import { ResetPasswordForm } from '@/components/users/reset-password-form';
import { db } from '@/db/client';
import { lookupPasswordReset } from '@/server/services/users/password-reset';

export const dynamic = 'force-dynamic';

/** A reset-password link an admin gave: the form while it is valid, otherwise why it is not. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await lookupPasswordReset(db(), token);
  const t = await getTranslations('passwordReset');
  if (found.state !== 'valid') {
    return (
      <LinkPageFrame>
        <LinkStateMessage title={t(`states.${found.state}.title`)} text={t(`states.${found.state}.text`)} action={t('signIn')} />
      </LinkPageFrame>
    );
  }
  return (
    <LinkPageFrame>
      <h1 className="mt-4 text-lg font-semibold">{t('title')}</h1>
      <p className="mt-1 text-sm text-slate-600">{t('intro', { email: found.email })}</p>
      <TrpcProviders>
        <ResetPasswordForm token={token} />
      </TrpcProviders>
    </LinkPageFrame>
  );
}
