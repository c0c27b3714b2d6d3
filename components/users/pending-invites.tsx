'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useErrorText, useFormats } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { useToast } from '@/components/ui/toasts';
import type { TRole } from '@/server/domain/permissions';
import type { TCreatedInvite } from './invite-panel';

type TPendingInvite = { id: string; email: string; role: TRole; expiresAt: Date; invitedBy: string | null; expired: boolean };

/**
 * Invites not yet accepted. Only a hash of each link is kept, so an old link cannot be shown again: "New link"
 * invites the same email afresh (which revokes the old link) and shows the new one.
 */
export function PendingInvites({ invites, onCreated }: { invites: TPendingInvite[]; onCreated: (invite: TCreatedInvite) => void }) {
  const t = useTranslations('settingsUsers');
  const { dateTime } = useFormats();
  const errorText = useErrorText();
  const toast = useToast();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.user.list.queryKey() });
  const renew = useMutation(
    trpc.user.invite.mutationOptions({
      onSuccess: (result, input) => {
        onCreated({ url: result.url, email: input.email, role: input.role, expiresAt: result.expiresAt, sent: result.email });
        refresh();
      },
      onError: (error) => toast(errorText(error)),
    }),
  );
  const revoke = useMutation(
    trpc.user.revokeInvite.mutationOptions({
      onSuccess: () => refresh(),
      onError: (error) => toast(errorText(error)),
    }),
  );
  return (
    <section aria-labelledby="pending-invites" className="mt-8">
      <h3 id="pending-invites" className="text-base font-semibold">
        {t('pendingInvites')}
      </h3>
      {invites.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{t('noPendingInvites')}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {invites.map((invite) => (
            <li key={invite.id} data-invite-id={invite.id} className="flex flex-wrap items-center gap-3 px-4 py-2 text-sm">
              <span dir="ltr" className="min-w-0 flex-1 truncate text-start">
                {invite.email}
              </span>
              <span>{t(`roles.${invite.role}`)}</span>
              <span className={invite.expired ? 'text-rose-700' : 'text-slate-500'}>
                {invite.expired ? t('expired') : t('expires', { date: dateTime(invite.expiresAt) })}
              </span>
              {invite.invitedBy && <span className="text-xs text-slate-500">{t('invitedBy', { name: invite.invitedBy })}</span>}
              <button
                type="button"
                aria-label={t('newLinkFor', { email: invite.email })}
                disabled={renew.isPending}
                onClick={() => renew.mutate({ email: invite.email, role: invite.role, origin: window.location.origin })}
                className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
              >
                {t('newLink')}
              </button>
              <button
                type="button"
                aria-label={t('revokeInvite', { email: invite.email })}
                disabled={revoke.isPending}
                onClick={() => revoke.mutate({ id: invite.id }, { onSuccess: () => toast(t('revoked', { email: invite.email })) })}
                className="rounded border border-rose-300 px-2 py-0.5 text-xs text-rose-700 hover:bg-rose-50"
              >
                {t('revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
