'use client';

import type { KeyboardEvent, ReactNode, RefObject, TextareaHTMLAttributes } from 'react';
import { TEXT_MAX } from '@/server/domain/limits';

/**
 * The composer's text box (a reply or a note) with its send button; `above` and `below` hold what works on its draft
 * (the saved-replies list, the tools row), `textareaRef` lets them insert at its caret.
 */
export function TextBox({
  textareaRef,
  ...props
}: {
  label: string;
  buttonLabel: string;
  pendingLabel: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => void;
  onSubmit: () => void;
  pending: boolean;
  /** Attachments ready to go: the button works without text (the text is their caption). */
  canSendEmpty?: boolean;
  tone: 'reply' | 'note';
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
  textareaProps?: TextareaHTMLAttributes<HTMLTextAreaElement>;
  above?: ReactNode;
  below?: ReactNode;
}) {
  return (
    <div className="space-y-1">
      {props.above}
      <div className="flex items-end gap-2">
        <textarea
          {...props.textareaProps}
          ref={textareaRef}
          aria-label={props.label}
          data-shortcut="reply"
          dir="auto"
          rows={2}
          maxLength={TEXT_MAX}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          onKeyDown={props.onKeyDown}
          placeholder={props.placeholder}
          className={`block min-h-10 flex-1 resize-y rounded-lg border px-3 py-2 text-sm focus:outline-none focus:ring-2 ${props.tone === 'note' ? 'border-amber-300 bg-amber-50 focus:ring-amber-200' : 'border-slate-300 focus:ring-brand-100'}`}
        />
        <button
          type="button"
          onClick={props.onSubmit}
          disabled={props.pending || (!props.value.trim() && !props.canSendEmpty)}
          className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
        >
          {props.pending ? props.pendingLabel : props.buttonLabel}
        </button>
      </div>
      {props.below}
    </div>
  );
}
