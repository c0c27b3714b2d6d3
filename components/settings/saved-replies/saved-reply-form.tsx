'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import {
  SAVED_REPLY_BODY_MAX,
  SAVED_REPLY_LANGUAGES,
  SAVED_REPLY_SHORTCUT_MAX,
  type TSavedReplyLanguage,
} from '@/server/domain/saved-replies';
import { useSavedReplyProblems } from './use-problem-text';

export type TSavedReplyDraft = { shortcut: string; body: string; language: TSavedReplyLanguage | null };

/**
 * The fields of one saved reply (new or edited), checked in the browser with the server's own rules before it is
 * sent; the server's refusal (a shortcut taken meanwhile) is shown under it as `serverError`.
 */
export function SavedReplyForm(props: {
  initial: TSavedReplyDraft;
  submitLabel: string;
  pending: boolean;
  serverError: string | null;
  onSubmit: (draft: TSavedReplyDraft) => void;
  onCancel?: () => void;
}) {
  const t = useTranslations('savedReplies');
  const problemsOf = useSavedReplyProblems();
  const id = useId();
  const [draft, setDraft] = useState(props.initial);
  const [problems, setProblems] = useState<{ shortcut: string | null; body: string | null }>({ shortcut: null, body: null });
  const field = 'mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm';

  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const found = problemsOf(draft.shortcut, draft.body);
        setProblems(found);
        if (!found.shortcut && !found.body) props.onSubmit(draft);
      }}
    >
      <div className="flex flex-wrap gap-3">
        <label className="text-sm font-medium">
          {t('shortcut')}
          <span className="flex items-center">
            <span aria-hidden="true" className="me-1 text-slate-500">
              /
            </span>
            <input
              value={draft.shortcut}
              maxLength={SAVED_REPLY_SHORTCUT_MAX}
              onChange={(e) => setDraft({ ...draft, shortcut: e.target.value })}
              aria-invalid={problems.shortcut ? true : undefined}
              aria-describedby={`${id}-shortcut-help${problems.shortcut ? ` ${id}-shortcut-error` : ''}`}
              dir="auto"
              className={`${field} w-56`}
            />
          </span>
        </label>
        <label className="text-sm font-medium">
          {t('language')}
          <select
            value={draft.language ?? ''}
            onChange={(e) => setDraft({ ...draft, language: (e.target.value || null) as TSavedReplyLanguage | null })}
            className={`${field} w-40 bg-white`}
          >
            <option value="">{t('languages.any')}</option>
            {SAVED_REPLY_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`languages.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id={`${id}-shortcut-help`} className="-mt-2 text-xs text-slate-500">
        {t('shortcutHelp')}
      </p>
      {problems.shortcut && (
        <p id={`${id}-shortcut-error`} role="alert" className="text-sm text-rose-700">
          {problems.shortcut}
        </p>
      )}
      <label className="block text-sm font-medium">
        {t('body')}
        <textarea
          value={draft.body}
          rows={4}
          maxLength={SAVED_REPLY_BODY_MAX}
          onChange={(e) => setDraft({ ...draft, body: e.target.value })}
          aria-invalid={problems.body ? true : undefined}
          aria-describedby={problems.body ? `${id}-body-error` : undefined}
          dir="auto"
          className={field}
        />
      </label>
      {problems.body && (
        <p id={`${id}-body-error`} role="alert" className="text-sm text-rose-700">
          {problems.body}
        </p>
      )}
      {props.serverError && (
        <p role="alert" className="text-sm text-rose-700">
          {props.serverError}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" disabled={props.pending} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white disabled:opacity-50">
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
