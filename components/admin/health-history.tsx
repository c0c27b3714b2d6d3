'use client';

import { useTranslations } from 'next-intl';
import { useFormats } from '@/components/i18n/formats';
import { tierLabel } from '@/server/domain/messaging-tiers';
import { metaValue } from './meta-value';

type TEntry = { source: string; event: string | null; changes: Record<string, [unknown, unknown]>; createdAt: Date };

/** Which catalog group words a health field's values (Meta's raw enumerations); the rest are shown as they are. */
const VALUE_GROUPS: Record<string, string> = {
  qualityRating: 'quality',
  status: 'statuses',
  nameStatus: 'nameStatuses',
  throughputLevel: 'throughputLevels',
  codeVerificationStatus: 'codeVerificationStatuses',
  accountMode: 'accountModes',
};

/** A number's recent health changes ("Sync · Quality: Medium → High"), in the reader's language. */
export function HealthHistory({ entries }: { entries: TEntry[] }) {
  const t = useTranslations('numbers');
  const { dateTime, n } = useFormats();
  if (entries.length === 0) return null;
  const value = (field: string, raw: unknown): string => {
    if (raw === null || raw === undefined) return field === 'messagingLimit' ? t('unlimited') : '—';
    if (VALUE_GROUPS[field]) return metaValue(t, VALUE_GROUPS[field], String(raw));
    if (field === 'messagingLimitTier') {
      const label = tierLabel(String(raw));
      return label === 'UNLIMITED' ? t('unlimited') : (label ?? '—');
    }
    return typeof raw === 'number' ? n(raw) : String(raw);
  };
  const known = (group: string, key: string, fallback: string) =>
    /^[A-Za-z0-9_]+$/.test(key) && t.has(`${group}.${key}` as never) ? t(`${group}.${key}` as never) : fallback;
  return (
    <details className="mt-2 text-xs text-slate-600">
      <summary>{t('history')}</summary>
      <ul className="mt-1 space-y-0.5">
        {entries.map((entry, i) => (
          <li key={i} dir="auto" className="text-start">
            {dateTime(entry.createdAt)} ·{' '}
            {entry.event ? known('historyEvents', entry.event, entry.event) : known('historySources', entry.source, entry.source)} ·{' '}
            {Object.entries(entry.changes)
              .map(([field, [from, to]]) => `${known('historyFields', field, field)}: ${value(field, from)} → ${value(field, to)}`)
              .join(t('listSeparator'))}
          </li>
        ))}
      </ul>
    </details>
  );
}
