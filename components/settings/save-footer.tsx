'use client';

import { useErrorText } from '@/components/i18n/formats';

/**
 * The end of a settings form that saves a versioned record: the refusal in words (with "Reload" when someone else
 * saved first, so the admin starts again from theirs), the Save button, and "Saved" once it went through.
 */
export function SaveFooter(props: {
  error: unknown;
  conflict: boolean;
  onReload: () => void;
  saving: boolean;
  saved: boolean;
  labels: { save: string; saved: string; reload: string };
}) {
  const errorText = useErrorText();
  return (
    <>
      {props.error != null && (
        <div role="alert" className="mt-4 rounded-lg border border-rose-200 bg-rose-50 p-3 text-sm text-rose-800">
          <p>{errorText(props.error)}</p>
          {props.conflict && (
            <button type="button" onClick={props.onReload} className="mt-2 rounded-md border border-rose-300 bg-white px-3 py-1">
              {props.labels.reload}
            </button>
          )}
        </div>
      )}
      <div className="mt-6 flex items-center gap-3">
        <button type="submit" disabled={props.saving} className="rounded-md bg-slate-900 px-4 py-2 text-sm text-white">
          {props.labels.save}
        </button>
        {props.saved && (
          <p role="status" className="text-sm text-emerald-700">
            {props.labels.saved}
          </p>
        )}
      </div>
    </>
  );
}
