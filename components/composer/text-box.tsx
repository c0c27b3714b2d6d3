'use client';

import type { KeyboardEvent, ReactNode, RefObject, TextareaHTMLAttributes } from 'react';
import { TEXT_MAX } from '@/server/domain/limits';
import { SubmitButton } from './submit-button';

/**
 * The composer's reply box with its send button (a note has its own, ./note-box.tsx, for mentions); `above` and `below` hold what works on its draft
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
          className="block min-h-10 flex-1 resize-y rounded-lg border border-slate-300 px-3 py-2 text-sm focus:outline-none focus:ring-2 focus:ring-brand-100"
        />
        <SubmitButton
          label={props.buttonLabel}
          pendingLabel={props.pendingLabel}
          pending={props.pending}
          disabled={!props.value.trim() && !props.canSendEmpty}
          onClick={props.onSubmit}
        />
      </div>
      {props.below}
    </div>
  );
}
