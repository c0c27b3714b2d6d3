'use client';

import { useTranslations } from 'next-intl';
import { useErrorText } from '@/components/i18n/formats';

/**
 * The end of a settings form that saves a versioned record: the refusal in words (with "Reload" when someone else
 * saved first, so the admin starts again from theirs), the Save button, and "Saved" once it went through.
 * `messages` names the form's translations, which hold its own `save`, `saved` and `reload` words.
 */
export function SaveFooter(props: {
  save: { isError: boolean; error: unknown; isPending: boolean };
  conflict: boolean;
  saved: boolean;
  onReload: () => Promise<void>;
  messages: 'settingsRateCard' | 'settingsWorkspace';
}) {
  const t = useTranslations(props.messages);
  const errorText = useErrorText();
  const { save } = props;
  return (
    <>
      {save.isError && save.error != null && (
        <div role="alert" className="mt-4 rounded-lg border border-rose-200 bg-rose-50 p-3 text-sm text-rose-800">
          <p>{errorText(save.error)}</p>
          {props.conflict && (
            <button type="button" onClick={() => void props.onReload()} className="mt-2 rounded-md border border-rose-300 bg-white px-3 py-1">
              {t('reload')}
            </button>
          )}
        </div>
      )}
      <div className="mt-6 flex items-center gap-3">
        <button type="submit" disabled={save.isPending} className="rounded-md bg-slate-900 px-4 py-2 text-sm text-white">
          {t('save')}
        </button>
        {props.saved && (
          <p role="status" className="text-sm text-emerald-700">
            {t('saved')}
          </p>
        )}
      </div>
    </>
  );
}
