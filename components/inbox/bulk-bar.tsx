'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { useToast } from '@/components/ui/toasts';
import type { TInboxQuery } from '@/server/domain/inbox-query';

export type TSelection = { ids: Set<string>; allMatching: boolean };

/** The actions for selected rows (or everything the list matches), done in one server call. */
export function BulkBar({
  selection,
  query,
  onDone,
  onSelectAllMatching,
}: {
  selection: TSelection;
  query: TInboxQuery;
  onDone: () => void;
  onSelectAllMatching: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const options = useQuery(trpc.conversation.filterOptions.queryOptions());
  const [assignee, setAssignee] = useState('');
  const bulk = useMutation(
    trpc.conversation.bulk.mutationOptions({
      onSuccess: (result, variables) => {
        const verb = variables.action.kind === 'close' ? 'Closed' : variables.action.assigneeId ? 'Assigned' : 'Unassigned';
        toast(
          `${verb} ${result.changed} conversation${result.changed === 1 ? '' : 's'}${result.unchanged ? ` (${result.unchanged} already so)` : ''}.`,
        );
        void queryClient.invalidateQueries({ queryKey: trpc.conversation.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.conversation.counts.queryKey() });
        onDone();
      },
      onError: (e) => toast(e.message),
    }),
  );
  const target = selection.allMatching ? { query } : { ids: [...selection.ids] };

  return (
    <div
      role="toolbar"
      aria-label="Bulk actions"
      className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-brand-50 px-3 py-2 text-xs"
    >
      <span className="font-medium" data-testid="selection-count">
        {selection.allMatching ? 'All matching selected' : `${selection.ids.size} selected`}
      </span>
      {!selection.allMatching && (
        <button type="button" onClick={onSelectAllMatching} className="underline">
          Select all matching
        </button>
      )}
      <select
        aria-label="Assign selected to"
        value={assignee}
        onChange={(e) => setAssignee(e.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1"
      >
        <option value="">Choose a person…</option>
        <option value="none">Nobody (unassign)</option>
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
        Assign
      </button>
      <button
        type="button"
        disabled={bulk.isPending}
        onClick={() => bulk.mutate({ target, action: { kind: 'close' } })}
        className="rounded-md border border-slate-400 px-2 py-1"
      >
        Close selected
      </button>
      <button type="button" onClick={onDone} className="ms-auto text-slate-600 underline">
        Clear
      </button>
    </div>
  );
}
