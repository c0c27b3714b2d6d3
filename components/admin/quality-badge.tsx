'use client';

import { useTranslations } from 'next-intl';

const BADGE = {
  GREEN: 'bg-emerald-100 text-emerald-800',
  YELLOW: 'bg-amber-100 text-amber-800',
  RED: 'bg-rose-100 text-rose-800',
  UNKNOWN: 'bg-slate-200 text-slate-700',
} as const;
export type TQuality = keyof typeof BADGE;

export const qualityOf = (rating: string | null | undefined): TQuality => (rating && rating in BADGE ? (rating as TQuality) : 'UNKNOWN');

/** A WhatsApp number's quality as Meta rates it: High (green), Medium (yellow), Low (red) or Unknown (grey). */
export function QualityBadge({ rating, compact = false }: { rating: string | null | undefined; compact?: boolean }) {
  const t = useTranslations('numbers');
  const quality = qualityOf(rating);
  return (
    <span
      data-quality={quality}
      aria-label={`${t('qualityLabel')}: ${t(`quality.${quality}`)}`}
      className={`shrink-0 rounded-full font-semibold ${compact ? 'px-1.5 py-0 text-[10px]' : 'px-2.5 py-0.5 text-xs'} ${BADGE[quality]}`}
    >
      {t(`quality.${quality}`)}
    </span>
  );
}
