'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText, useFormats } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { useToast } from '@/components/ui/toasts';
import { ROLES, type TRole } from '@/server/domain/permissions';
import { CopyValue } from '@/components/ui/copy-value';
import { DeactivateDialog } from './deactivate-dialog';

type TMember = { id: string; name: string; email: string; role: TRole; deactivatedAt: Date | null; openConversations: number };

/** One row per member (`data-user-id`): role, state, and the admin's acts on them. */
export function MembersTable({ members, meId }: { members: TMember[]; meId: string | undefined }) {
  const t = useTranslations('settingsUsers');
  const errorText = useErrorText();
  const { n, dateTime } = useFormats();
  const toast = useToast();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [deactivating, setDeactivating] = useState<TMember | null>(null);
  const [resetLink, setResetLink] = useState<{ userId: string; url: string; expiresAt: Date } | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.user.list.queryKey() });
  const onError = (error: Parameters<typeof errorText>[0]) => {
    toast(errorText(error));
    refresh();
  };
  const changeRole = useMutation(trpc.user.changeRole.mutationOptions({ onSuccess: refresh, onError }));
  const reactivate = useMutation(trpc.user.reactivate.mutationOptions({ onSuccess: refresh, onError }));
  const reset = useMutation(
    trpc.user.resetPassword.mutationOptions({
      onSuccess: (result, input) => setResetLink({ userId: input.userId, url: result.url, expiresAt: result.expiresAt }),
      onError,
    }),
  );
  const heirs = (member: TMember) => members.filter((m) => m.id !== member.id && m.deactivatedAt === null);
  const cell = 'px-3 py-2 align-top';

  return (
    <>
      <table className="mt-2 w-full rounded-xl border border-slate-200 bg-white text-sm">
        <caption className="sr-only">{t('members')}</caption>
        <thead className="bg-slate-50 text-start text-xs text-slate-500">
          <tr>
            <th className={`${cell} text-start`}>{t('name')}</th>
            <th className={`${cell} text-start`}>{t('role')}</th>
            <th className={`${cell} text-start`}>{t('status')}</th>
            <th className={`${cell} text-start`}>{t('actions')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((member) => {
            const active = member.deactivatedAt === null;
            return (
              <tr key={member.id} data-user-id={member.id} data-role={member.role} data-active={String(active)}>
                <td className={cell}>
                  <div className="font-medium">
                    {member.name}
                    {member.id === meId && <span className="ms-1 text-xs text-slate-500">({t('you')})</span>}
                  </div>
                  <div dir="ltr" className="text-start text-xs text-slate-500">
                    {member.email}
                  </div>
                </td>
                <td className={cell}>
                  <span data-testid="member-role">{t(`roles.${member.role}`)}</span>
                  <label className="mt-1 block">
                    <span className="sr-only">{t('changeRoleOf', { name: member.name })}</span>
                    <select
                      value={member.role}
                      disabled={changeRole.isPending}
                      onChange={(e) =>
                        changeRole.mutate(
                          { userId: member.id, role: e.target.value as TRole },
                          { onSuccess: (r, input) => r.changed && toast(t('roleChanged', { name: member.name, role: t(`roles.${input.role}`) })) },
                        )
                      }
                      className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {t(`roles.${role}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                </td>
                <td className={cell}>
                  <div className={active ? 'text-emerald-700' : 'text-rose-700'}>{active ? t('active') : t('deactivated')}</div>
                  {!active && member.deactivatedAt && <div className="text-xs text-slate-500">{dateTime(member.deactivatedAt)}</div>}
                  {active && (
                    <div className="text-xs text-slate-500">
                      {t('openConversations', { n: member.openConversations, count: n(member.openConversations) })}
                    </div>
                  )}
                </td>
                <td className={cell}>
                  <div className="flex flex-wrap gap-2">
                    {active ? (
                      <button type="button" onClick={() => setDeactivating(member)} className="rounded border border-rose-300 px-2 py-0.5 text-xs text-rose-700 hover:bg-rose-50">
                        {t('deactivate')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        disabled={reactivate.isPending}
                        onClick={() => reactivate.mutate({ userId: member.id }, { onSuccess: () => toast(t('reactivated', { name: member.name })) })}
                        className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
                      >
                        {t('reactivate')}
                      </button>
                    )}
                    {active && (
                      <button
                        type="button"
                        disabled={reset.isPending}
                        onClick={() => reset.mutate({ userId: member.id, origin: window.location.origin })}
                        className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
                      >
                        {t('resetLink')}
                      </button>
                    )}
                  </div>
                  {resetLink?.userId === member.id && (
                    <div role="status" className="mt-2 max-w-sm text-xs text-slate-600">
                      <p>{t('resetLinkHint', { name: member.name, expires: dateTime(resetLink.expiresAt) })}</p>
                      <div className="mt-2">
                        <CopyValue value={resetLink.url} label={t('resetLinkFor', { name: member.name })} attribute="data-reset-url" showLabel={false} />
                      </div>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {deactivating && <DeactivateDialog member={deactivating} heirs={heirs(deactivating)} onClose={() => setDeactivating(null)} />}
    </>
  );
}
