'use client';

import { useTranslations } from 'next-intl';
import type { TReferralSummary } from '@/server/domain/free-entry';
import { revealBidiControls } from '@/server/domain/bidi';

/**
 * "Started from an ad: <headline>": the click-to-WhatsApp ad or Page post the customer wrote from (their message's
 * referral), with a link to it and Meta's click id, so the agent knows what the customer saw before writing.
 */
export function ReferralCard({ referral }: { referral: TReferralSummary }) {
  const t = useTranslations('referral');
  const fromPost = referral.sourceType === 'post';
  const headline = referral.headline ? revealBidiControls(referral.headline) : null;
  return (
    <aside
      aria-label={t('region')}
      data-referral-source-type={referral.sourceType ?? ''}
      className="border-b border-sky-100 bg-sky-50 px-4 py-2 text-sm text-sky-950"
    >
      <p className="flex flex-wrap items-baseline gap-x-2">
        <span className="font-medium">
          {headline ? (
            <>
              {fromPost ? t('fromPostWith') : t('fromAdWith')} <bdi dir="auto">{headline}</bdi>
            </>
          ) : fromPost ? (
            t('fromPost')
          ) : (
            t('fromAd')
          )}
        </span>
        {referral.sourceUrl && (
          <a href={referral.sourceUrl} target="_blank" rel="noopener noreferrer" className="text-xs text-sky-800 underline">
            {fromPost ? t('openPost') : t('openAd')}
          </a>
        )}
      </p>
      {referral.body && (
        <p dir="auto" className="mt-0.5 line-clamp-2 text-xs text-sky-900">
          {revealBidiControls(referral.body)}
        </p>
      )}
      {referral.ctwaClid && (
        <p className="mt-0.5 text-[11px] text-sky-800">
          {t('clickId')} <span dir="ltr" className="font-mono">{referral.ctwaClid}</span>
        </p>
      )}
    </aside>
  );
}
