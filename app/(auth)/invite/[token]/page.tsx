import { getTranslations } from 'next-intl/server';
import { TrpcProviders } from '@/components/trpc/client';
import { AcceptInviteForm } from '@/components/users/accept-invite-form';
import { LinkPageFrame, LinkStateMessage } from '@/components/users/link-state';
import { db } from '@/db/client';
import { lookupInvite } from '@/server/services/users/invites';

export const dynamic = 'force-dynamic';

/**
 * An invite link, outside the signed-in app: the form while the link is valid, otherwise a page saying why not
 * (expired, used, revoked, unknown). Never a 500 for any token: an ill-formed one is simply unknown.
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await lookupInvite(db(), token);
  const t = await getTranslations('invite');
  const roles = await getTranslations('settingsUsers.roles');
  if (found.state !== 'valid') {
    return (
      <LinkPageFrame>
        <LinkStateMessage title={t(`states.${found.state}.title`)} text={t(`states.${found.state}.text`)} action={t('signIn')} />
      </LinkPageFrame>
    );
  }
  if (found.alreadyMember) {
    return (
      <LinkPageFrame>
        <LinkStateMessage
          title={t('alreadyMemberTitle')}
          text={t('alreadyMember', { email: found.email, workspace: found.workspaceName })}
          action={t('signIn')}
        />
      </LinkPageFrame>
    );
  }
  const values = { workspace: found.workspaceName, role: roles(found.role), email: found.email };
  return (
    <LinkPageFrame>
      <h1 className="mt-4 text-lg font-semibold">{t('title', values)}</h1>
      <p className="mt-1 text-sm text-slate-600">{found.existingAccount ? t('existingIntro', values) : t('intro', values)}</p>
      <TrpcProviders>
        <AcceptInviteForm token={token} email={found.email} existingAccount={found.existingAccount} />
      </TrpcProviders>
    </LinkPageFrame>
  );
}
