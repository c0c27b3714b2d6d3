'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { usePermissions } from '@/components/auth/use-permissions';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { useToast } from '@/components/ui/toasts';
import { CLOSING_NOTE_MAX } from '@/server/domain/limits';
import { closingNoteMissing } from '@/server/domain/workspace-settings';

type TProps = {
  conversation: { id: string; status: 'open' | 'closed'; assigneeId: string | null };
  me: { id: string };
};

/** Assignee control, "Assign to me", Close (with an optional closing note) and Reopen, each offered only where `can` allows. */
export function ConversationActions({ conversation, me }: TProps) {
  const { can } = usePermissions();
  const t = useTranslations('actions');
  const settingsText = useTranslations('settingsWorkspace');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const options = useQuery(trpc.conversation.filterOptions.queryOptions());
  const [closing, setClosing] = useState(false);
  const [category, setCategory] = useState('');
  const [note, setNote] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.conversation.get.queryKey({ id: conversation.id }) });
  const onError = (error: { message: string; data?: unknown }) => toast(errorText(error));

  const assign = useMutation(trpc.conversation.assign.mutationOptions({ onSuccess: refresh, onError }));
  const close = useMutation(
    trpc.conversation.close.mutationOptions({
      onSuccess: () => {
        setClosing(false);
        setNote('');
        void refresh();
      },
      onError,
    }),
  );
  const reopen = useMutation(trpc.conversation.reopen.mutationOptions({ onSuccess: refresh, onError }));
  const members = options.data?.members ?? [];
  const canChange = (next: string | null) => can('conversation.assign', { assigneeId: conversation.assigneeId, nextAssigneeId: next });
  const mayClose = can('conversation.close', { assigneeId: conversation.assigneeId });
  const mayChangeAny = [null, ...members.map((m) => m.id)].some((next) => next !== conversation.assigneeId && canChange(next));
  // The workspace decides whether closing asks for a note: off closes at once, required waits for one.
  const noteMode = options.data?.closingNote ?? 'optional';
  const noteMissing = closingNoteMissing(noteMode, { category, text: note });

  return (
    <div className="flex flex-wrap items-center gap-2 text-xs">
      <label className="flex items-center gap-1 text-slate-600">
        <span className="sr-only">{t('assignee')}</span>
        <select
          aria-label={t('assignee')}
          value={conversation.assigneeId ?? ''}
          disabled={assign.isPending || members.length === 0 || !mayChangeAny}
          onChange={(e) => assign.mutate({ id: conversation.id, assigneeId: e.target.value || null })}
          className="max-w-40 rounded-md border border-slate-300 bg-white px-2 py-1"
        >
          <option value="" disabled={!canChange(null) && conversation.assigneeId !== null}>
            {t('unassigned')}
          </option>
          {members.map((m) => (
            <option key={m.id} value={m.id} disabled={!canChange(m.id) && m.id !== conversation.assigneeId}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      {conversation.assigneeId === null && canChange(me.id) && (
        <button
          type="button"
          data-shortcut="assignToMe"
          onClick={() => assign.mutate({ id: conversation.id, assigneeId: me.id })}
          className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-50"
        >
          {t('assignToMe')}
        </button>
      )}
      {conversation.status === 'open' ? (
        mayClose && (
          <button
            type="button"
            data-shortcut="close"
            onClick={() => (noteMode === 'off' ? close.mutate({ id: conversation.id }) : setClosing((v) => !v))}
            disabled={noteMode === 'off' && close.isPending}
            aria-expanded={noteMode === 'off' ? undefined : closing}
            className="rounded-md bg-slate-900 px-2 py-1 text-white hover:bg-slate-700"
          >
            {t('close')}
          </button>
        )
      ) : (
        can('conversation.reopen') && (
          <button
            type="button"
            onClick={() => reopen.mutate({ id: conversation.id })}
            className="rounded-md border border-emerald-600 px-2 py-1 text-emerald-700 hover:bg-emerald-50"
          >
            {t('reopen')}
          </button>
        )
      )}
      {closing && mayClose && noteMode !== 'off' && (
        <form
          aria-label={t('closingNote')}
          className="flex w-full flex-wrap items-center gap-2 rounded-lg bg-slate-50 p-2"
          onSubmit={(e) => {
            e.preventDefault();
            close.mutate({ id: conversation.id, note: { category: category || undefined, text: note.trim() || undefined } });
          }}
        >
          <select
            aria-label={t('closingCategory')}
            value={category}
            onChange={(e) => setCategory(e.target.value)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1"
          >
            <option value="">{t('noCategory')}</option>
            {(options.data?.closingCategories ?? []).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <input
            aria-label={t('closingNoteText')}
            value={note}
            maxLength={CLOSING_NOTE_MAX}
            onChange={(e) => setNote(e.target.value)}
            placeholder={noteMode === 'required' ? settingsText('noteRequiredHint') : t('optionalNote')}
            required={noteMode === 'required' && !category}
            dir="auto"
            className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1"
          />
          <button type="submit" disabled={close.isPending || noteMissing} className="rounded-md bg-slate-900 px-2 py-1 text-white disabled:opacity-50">
            {t('confirmClose')}
          </button>
        </form>
      )}
    </div>
  );
}
