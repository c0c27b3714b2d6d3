'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import type { TRouterOutputs } from '@/components/trpc/types';
import { withTag, withoutTag, ZContactTag } from '@/server/domain/contact-edit';
import { LABEL_MAX } from '@/server/domain/limits';
import { revealBidiControls } from '@/server/domain/bidi';

type TConversation = TRouterOutputs['conversation']['get'];

/**
 * The contact's tags, which the inbox's Tag filter lists conversations by: added and removed one at a time, shown at
 * once (optimistically, by the same rule as the server's), and put back if the server refuses.
 */
export function ContactTags({ conversationId, tags }: { conversationId: string; tags: string[] }) {
  const t = useTranslations('contact');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.conversation.get.queryKey({ id: conversationId });
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const patch = (next: (tags: string[]) => string[] | null): { before?: TConversation } => {
    const before = queryClient.getQueryData<TConversation>(key);
    const tagsAfter = before && next(before.contact.tags);
    if (before && tagsAfter) queryClient.setQueryData<TConversation>(key, { ...before, contact: { ...before.contact, tags: tagsAfter } });
    return { before };
  };
  const options = {
    onError: (error: Parameters<typeof errorText>[0], _input: unknown, context: { before?: TConversation } | undefined) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
      setProblem(errorText(error));
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      // The Tag filter's choices come from the workspace's tags.
      void queryClient.invalidateQueries({ queryKey: trpc.conversation.filterOptions.queryKey() });
    },
  };
  const add = useMutation(trpc.contact.addTag.mutationOptions({ ...options, onMutate: ({ tag }) => patch((list) => withTag(list, tag)) }));
  const remove = useMutation(
    trpc.contact.removeTag.mutationOptions({ ...options, onMutate: ({ tag }) => patch((list) => withoutTag(list, tag)) }),
  );

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = ZContactTag.safeParse(text);
    if (!parsed.success) return setProblem(t(`errors.${parsed.error.issues[0]!.message}` as never));
    setProblem(null);
    add.mutate({ conversationId, tag: parsed.data });
    setText('');
  };

  return (
    <div>
      <h3 className="font-semibold">{t('tags')}</h3>
      {tags.length === 0 ? (
        <p className="mt-1 text-xs text-slate-600">{t('noTags')}</p>
      ) : (
        <ul aria-label={t('tags')} className="mt-2 flex flex-wrap gap-1">
          {tags.map((tag) => (
            <li key={tag} data-tag={tag} className="flex items-center gap-0.5 rounded-full bg-slate-100 ps-2 text-xs text-slate-700">
              <span dir="auto">{revealBidiControls(tag)}</span>
              <button
                type="button"
                aria-label={t('removeTag', { tag })}
                onClick={() => remove.mutate({ conversationId, tag })}
                className="rounded-full px-1.5 text-slate-600 hover:bg-slate-200"
              >
                <span aria-hidden="true">{'\u00d7'}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate className="mt-2 flex gap-1">
        {/* A plain text box, not a combobox: the inbox's "Tag" filter is the combobox of that name. */}
        <input
          aria-label={t('newTag')}
          value={text}
          maxLength={LABEL_MAX}
          dir="auto"
          onChange={(e) => setText(e.target.value)}
          aria-invalid={problem ? true : undefined}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-brand-500 focus:outline-none"
        />
        <button type="submit" className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50">
          {t('addTag')}
        </button>
      </form>
      {problem && (
        <p role="alert" className="mt-1 text-xs text-rose-700">
          {problem}
        </p>
      )}
    </div>
  );
}
