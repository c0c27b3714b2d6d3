'use client';

import { Fragment } from 'react';
import { revealBidiControls } from '@/server/domain/bidi';
import { splitMentions, type TMentionedUser } from '@/server/domain/mentions';

/** An internal note with its mentions shown as "@Name" (as the note recorded them), each marked with who it names. */
export function NoteText({ body, mentions }: { body: string; mentions: readonly TMentionedUser[] }) {
  return (
    <p dir="auto" className="whitespace-pre-wrap break-words">
      {splitMentions(body, mentions).map((segment, index) =>
        'text' in segment ? (
          <Fragment key={index}>{revealBidiControls(segment.text)}</Fragment>
        ) : (
          <span key={index} data-mention-user-id={segment.id} className="rounded bg-amber-200/70 px-0.5 font-medium text-amber-950">
            {'@'}
            {revealBidiControls(segment.mention?.name ?? '…')}
          </span>
        ),
      )}
    </p>
  );
}
