'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useErrorText, useFormats } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { useToast } from '@/components/ui/toasts';

type TMember = { id: string; name: string; openConversations: number };

/**
 * Confirms a deactivation and asks who takes over the member's open conversations (nobody: they go back to
 * Unassigned). Rendered outside the table, so the row's "Deactivate" stays the only button of that name there.
 */
export function DeactivateDialog({ member, heirs, onClose }: { member: TMember; heirs: { id: string; name: string }[]; onClose: () => void }) {
  const t = useTranslations('settingsUsers');
  const errorText = useErrorText();
  const { n } = useFormats();
  const toast = useToast();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [heir, setHeir] = useState('');
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => dialog.current?.querySelector('select')?.focus(), []);
  const deactivate = useMutation(
    trpc.user.deactivate.mutationOptions({
      onSuccess: (result) => {
        toast(t('deactivatedDone', { name: member.name, n: result.handedOver, count: n(result.handedOver) }));
        void queryClient.invalidateQueries({ queryKey: trpc.user.list.queryKey() });
        onClose();
      },
    }),
  );
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-slate-900/30 p-4">
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby="deactivate-title"
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
        className="w-full max-w-md rounded-xl bg-white p-5 shadow-xl"
      >
        <h3 id="deactivate-title" className="text-lg font-semibold">
          {t('deactivateTitle', { name: member.name })}
        </h3>
        <p className="mt-2 text-sm text-slate-600">{t('deactivateExplain', { name: member.name })}</p>
        <p className="mt-1 text-sm text-slate-600">{t('openConversations', { n: member.openConversations, count: n(member.openConversations) })}</p>
        <label className="mt-3 block text-sm">
          <span className="font-medium text-slate-700">{t('handOverTo')}</span>
          <select value={heir} onChange={(e) => setHeir(e.target.value)} className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2">
            <option value="">{t('nobody')}</option>
            {heirs.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </label>
        {deactivate.isError && (
          <p role="alert" className="mt-3 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700">
            {errorText(deactivate.error)}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" onClick={onClose} className="rounded-lg border border-slate-300 px-4 py-2 text-sm">
            {t('cancel')}
          </button>
          <button
            type="button"
            disabled={deactivate.isPending}
            onClick={() => deactivate.mutate({ userId: member.id, handOverTo: heir || null })}
            className="rounded-lg bg-rose-600 px-4 py-2 text-sm font-medium text-white hover:bg-rose-700 disabled:opacity-60"
          >
            {t('confirmDeactivate')}
          </button>
        </div>
      </div>
    </div>
  );
}
