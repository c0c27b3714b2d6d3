'use client';

/** The composer's send button, the same for a reply and a note: its label, or the pending one while a send is on. */
export function SubmitButton(props: { label: string; pendingLabel: string; pending: boolean; disabled: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={props.onClick}
      disabled={props.pending || props.disabled}
      className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
    >
      {props.pending ? props.pendingLabel : props.label}
    </button>
  );
}
