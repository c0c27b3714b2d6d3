'use client';

import type { ReactNode } from 'react';
import { EmojiButton } from './emoji-button';

/** The row under the text box: "Saved replies" (its button comes with its list, useSavedRepliesMenu) and "Emoji". */
export function ComposerTools({ savedRepliesButton, onEmoji }: { savedRepliesButton: ReactNode; onEmoji: (emoji: string) => void }) {
  return (
    <div className="flex items-center gap-1">
      {savedRepliesButton}
      <EmojiButton onPick={onEmoji} />
    </div>
  );
}
