'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText, useFormats } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { useToast } from '@/components/ui/toasts';
import type { TInboxQuery } from '@/server/domain/inbox-query';

export type TSelection = { ids: Set<string>; allMatching: boolean };

type TProps = { selection: TSelection; query: TInboxQuery; onDone: () => void; onSelectAllMatching: () => void };

/** The actions for selected rows (or everything the list matches), done in one server call. */
export function BulkBar({ selection, query, onDone, onSelectAllMatching }: TProps) {
  const t = useTranslations('bulk');
  const errorText = useErrorText();
  const { n } = useFormats();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const options = useQuery(trpc.conversation.filterOptions.queryOptions());
  const [assignee, setAssignee] = useState('');
  const bulk = useMutation(
    trpc.conversation.bulk.mutationOptions({
      onSuccess: (result, variables) => {
        const action = variables.action.kind === 'close' ? 'close' : variables.action.assigneeId ? 'assign' : 'unassign';
        toast(t('done', { action, n: result.changed, changed: n(result.changed), unchanged: result.unchanged ? n(result.unchanged) : 0 }));
        void queryClient.invalidateQueries({ queryKey: trpc.conversation.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.conversation.counts.queryKey() });
        onDone();
      },
      onError: (e) => toast(errorText(e)),
    }),
  );
  const target = selection.allMatching ? { query } : { ids: [...selection.ids] };

  return (
    <div
      role="toolbar"
      aria-label={t('toolbar')}
      className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-brand-50 px-3 py-2 text-xs"
    >
      <span className="font-medium" data-testid="selection-count">
        {selection.allMatching ? t('allMatching') : t('selected', { count: n(selection.ids.size) })}
      </span>
      {!selection.allMatching && (
        <button type="button" onClick={onSelectAllMatching} className="underline">
          {t('selectAllMatching')}
        </button>
      )}
      <select
        aria-label={t('assignTo')}
        value={assignee}
        onChange={(e) => setAssignee(e.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1"
      >
        <option value="">{t('choosePerson')}</option>
        <option value="none">{t('nobody')}</option>
        {options.data?.members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={!assignee || bulk.isPending}
        onClick={() => bulk.mutate({ target, action: { kind: 'assign', assigneeId: assignee === 'none' ? null : assignee } })}
        className="rounded-md bg-slate-900 px-2 py-1 text-white disabled:opacity-50"
      >
        {t('assign')}
      </button>
      {/* A bulk close carries no note: where the workspace requires one, conversations are closed one at a time. */}
      {options.data?.closingNote !== 'required' && (
        <button
          type="button"
          disabled={bulk.isPending}
          onClick={() => bulk.mutate({ target, action: { kind: 'close' } })}
          className="rounded-md border border-slate-400 px-2 py-1"
        >
          {t('close')}
        </button>
      )}
      <button type="button" onClick={onDone} className="ms-auto text-slate-600 underline">
        {t('clear')}
      </button>
    </div>
  );
}
