'use client';

import { useTranslations } from 'next-intl';
import type { TMediaFileKind } from '@/server/domain/media-rules';
import { revealBidiControls } from '@/server/domain/bidi';

/**
 * An agent's file in the timeline: its kind and name (a link to the file through the app's media route, behind the
 * session and the workspace check), then its caption. The inbound side renders customers' media in full.
 */
export function OutboundMedia({ id, kind, fileName, caption }: { id: number; kind: TMediaFileKind; fileName: string | null; caption: string | null }) {
  const t = useTranslations('attachments');
  return (
    <div>
      <a href={`/api/media/${id}`} target="_blank" rel="noreferrer" className="text-xs underline opacity-90" dir="auto">
        {t(`kinds.${kind}`)}
        {fileName ? ` · ${revealBidiControls(fileName)}` : ''}
      </a>
      {caption && (
        <p dir="auto" className="whitespace-pre-wrap break-words">
          {revealBidiControls(caption)}
        </p>
      )}
    </div>
  );
}
