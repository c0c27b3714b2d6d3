'use client';

import { useTranslations } from 'next-intl';
import { useFormats } from '@/components/i18n/formats';
import { tierLabel, type TUpgradePath } from '@/server/domain/messaging-tiers';

/**
 * The step up that applies to the portfolio's current tier (server/domain/messaging-tiers): the 2K step by
 * verification or volume, the automatic steps by half the limit in 7 days; "Eligible" once the threshold is met.
 */
export function UpgradePath({ upgrade }: { upgrade: TUpgradePath }) {
  const t = useTranslations('numbers.upgrade');
  const { n } = useFormats();
  if (upgrade.kind === 'unknown') return null;
  let text: string;
  if (upgrade.kind === 'top') text = t('top');
  else {
    const values = { next: tierLabel(upgrade.next) ?? '', reached: n(upgrade.reached), needed: n(upgrade.needed) };
    if (upgrade.kind === 'verification') text = upgrade.eligible ? t('verificationEligible', values) : t('verification', values);
    else if (upgrade.eligible) text = t('automaticEligible', values);
    else text = upgrade.qualityLow ? t('qualityLow', values) : t('automatic', values);
  }
  const eligible = upgrade.kind !== 'top' && upgrade.eligible;
  return (
    <p
      data-testid="number-upgrade"
      data-upgrade-kind={upgrade.kind}
      data-eligible={eligible ? 'true' : 'false'}
      className={`text-xs ${eligible ? 'text-emerald-700' : 'text-slate-500'}`}
    >
      {text}
    </p>
  );
}
