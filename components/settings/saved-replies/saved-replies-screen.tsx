'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { SAVED_REPLY_VARIABLES } from '@/server/domain/saved-replies';
import { SavedReplyForm, type TSavedReplyDraft } from './saved-reply-form';

const EMPTY: TSavedReplyDraft = { shortcut: '', body: '', language: null };

/** Settings → Saved replies: the workspace's canned responses, created, edited and deleted by supervisors and admins. */
export function SavedRepliesScreen() {
  const t = useTranslations('savedReplies');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.savedReply.list.queryOptions());
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  // A new form after each creation: the fields start empty again.
  const [formKey, setFormKey] = useState(0);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.savedReply.list.queryKey() });
  const create = useMutation(
    trpc.savedReply.create.mutationOptions({
      onSuccess: (_data, input) => (setNotice(t('created', { shortcut: input.shortcut.trim() })), setFormKey((k) => k + 1), void refresh()),
    }),
  );
  const update = useMutation(
    trpc.savedReply.update.mutationOptions({
      onSuccess: (_data, input) => (setNotice(t('updated', { shortcut: input.shortcut.trim() })), setEditing(null), void refresh()),
    }),
  );
  const remove = useMutation(
    trpc.savedReply.delete.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (error) => setNotice(errorText(error)),
    }),
  );

  return (
    <section aria-labelledby="saved-replies-title" className="max-w-4xl space-y-6">
      <div>
        <h2 id="saved-replies-title" className="text-xl font-semibold">
          {t('title')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {t('intro', { variables: SAVED_REPLY_VARIABLES.map((v) => `{{${v}}}`).join(', '), example: '{{contact.first_name | there}}' })}
        </p>
      </div>
      <section aria-labelledby="saved-reply-new" className="rounded-lg border border-slate-200 p-4">
        <h3 id="saved-reply-new" className="mb-2 font-medium">
          {t('newTitle')}
        </h3>
        <SavedReplyForm
          key={formKey}
          initial={EMPTY}
          submitLabel={t('create')}
          pending={create.isPending}
          serverError={create.isError ? errorText(create.error) : null}
          onSubmit={(draft) => (setNotice(null), create.mutate(draft))}
        />
      </section>
      {notice && (
        <p role="status" className="text-sm text-emerald-700">
          {notice}
        </p>
      )}
      {list.isError && (
        <p role="alert" className="text-sm text-rose-700">
          {errorText(list.error)}
        </p>
      )}
      {list.data?.length === 0 && <p className="text-sm text-slate-500">{t('empty')}</p>}
      {list.data && list.data.length > 0 && (
        <ul aria-label={t('list')} className="divide-y divide-slate-100 rounded-lg border border-slate-200">
          {list.data.map((reply) => (
            <li key={reply.id} aria-label={`/${reply.shortcut}`} data-saved-reply-id={reply.id} className="p-3">
              {editing === reply.id ? (
                <SavedReplyForm
                  initial={{ shortcut: reply.shortcut, body: reply.body, language: reply.language }}
                  submitLabel={t('saveChanges')}
                  pending={update.isPending}
                  serverError={update.isError ? errorText(update.error) : null}
                  onSubmit={(draft) => update.mutate({ id: reply.id, ...draft })}
                  onCancel={() => (setEditing(null), update.reset())}
                />
              ) : (
                <div className="flex items-start gap-3">
                  <div className="min-w-0 flex-1">
                    <p className="flex items-center gap-2 text-sm">
                      <span dir="auto" className="font-mono font-medium">
                        /{reply.shortcut}
                      </span>
                      <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-700" data-badge="language">
                        {t(`languages.${reply.language ?? 'any'}`)}
                      </span>
                    </p>
                    <p dir="auto" className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700">
                      {reply.body}
                    </p>
                  </div>
                  <button
                    type="button"
                    aria-label={t('edit', { shortcut: reply.shortcut })}
                    onClick={() => (setEditing(reply.id), update.reset())}
                    className="rounded-md border border-slate-300 px-2 py-1 text-sm"
                  >
                    {t('editShort')}
                  </button>
                  <button
                    type="button"
                    aria-label={t('delete', { shortcut: reply.shortcut })}
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(t('confirmDelete', { shortcut: reply.shortcut }))) {
                        setNotice(t('deleted', { shortcut: reply.shortcut }));
                        remove.mutate({ id: reply.id });
                      }
                    }}
                    className="rounded-md border border-rose-300 px-2 py-1 text-sm text-rose-700"
                  >
                    {t('deleteShort')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
