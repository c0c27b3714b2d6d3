'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { MEDIA_KINDS, type TMediaKind } from '@/server/domain/media-rules';
import type { TPreviewWords } from '@/server/domain/media-preview';

/** The words of each media kind in the reader's language, for previewLine and the timeline's labels. */
export function useMediaWords(): TPreviewWords {
  const t = useTranslations('media.kind');
  return useMemo(
    () => Object.fromEntries([...MEDIA_KINDS, 'voice'].map((kind) => [kind, t(kind as TMediaKind | 'voice')])) as TPreviewWords,
    [t],
  );
}
