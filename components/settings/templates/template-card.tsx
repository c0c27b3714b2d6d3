'use client';

import { useTranslations } from 'next-intl';
import { QualityBadge } from '@/components/admin/quality-badge';
import { useFormats } from '@/components/i18n/formats';
import type { TRouterOutputs } from '@/components/trpc/types';
import { TEMPLATE_STATUSES } from '@/server/domain/templates';
import { TemplatePreview } from './template-preview';

export type TTemplateRow = TRouterOutputs['template']['list']['items'][number];

const STATUS_STYLE: Record<string, string> = {
  APPROVED: 'bg-emerald-100 text-emerald-800',
  PENDING: 'bg-amber-100 text-amber-800',
  IN_APPEAL: 'bg-amber-100 text-amber-800',
  REJECTED: 'bg-rose-100 text-rose-800',
  PAUSED: 'bg-orange-100 text-orange-800',
  DISABLED: 'bg-rose-100 text-rose-800',
};

const known = (status: string) => (TEMPLATE_STATUSES as readonly string[]).includes(status);

/** One synced template: what Meta says of it (status, category, quality, why it was rejected) and its preview. */
export function TemplateCard({ template, showExamples }: { template: TTemplateRow; showExamples: boolean }) {
  const t = useTranslations('settingsTemplates');
  const { dateTime } = useFormats();
  // A status newer than this build is shown as Meta spells it.
  const status = known(template.status) ? t(`statuses.${template.status}` as never) : template.status;
  const reason = template.rejectedReason;
  // Meta's reasons are codes (INVALID_FORMAT); anything else is shown as it came.
  const reasonKnown = !!reason && /^[A-Z_]+$/.test(reason) && t.has(`rejectedReasons.${reason}` as never);
  return (
    <li
      data-template-id={template.id}
      data-status={template.status}
      data-category={template.category}
      aria-label={`${template.name} · ${template.language} · ${template.channelName}`}
      className="grid gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]"
    >
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <h3 dir="ltr" className="truncate font-mono text-sm font-semibold">
            {template.name}
          </h3>
          <span data-testid="template-status" className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[template.status] ?? 'bg-slate-200 text-slate-700'}`}>
            {status}
          </span>
        </div>
        <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
          <div>
            <dt className="text-xs text-slate-500">{t('fields.number')}</dt>
            <dd data-testid="template-number">{template.channelName}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t('fields.language')}</dt>
            <dd data-testid="template-language" dir="ltr" className="text-start">
              {template.language}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t('fields.category')}</dt>
            <dd data-testid="template-category">{t(`categories.${template.category}`)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t('fields.quality')}</dt>
            <dd data-testid="template-quality">{template.quality ? <QualityBadge rating={template.quality} /> : t('notRated')}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t('fields.lastChange')}</dt>
            <dd data-testid="template-updated">{dateTime(template.updatedAt)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{t('fields.lastSync')}</dt>
            <dd data-testid="template-synced">{template.syncedAt ? dateTime(template.syncedAt) : t('never')}</dd>
          </div>
        </dl>
        {template.status === 'REJECTED' && (
          <p role="note" data-testid="template-rejected" className="mt-3 rounded bg-rose-50 px-2 py-1 text-xs text-rose-800">
            {t('rejected', {
              reason: reasonKnown ? t(`rejectedReasons.${reason}` as never) : (reason ?? t('rejectedReasons.NONE')),
            })}
          </p>
        )}
      </div>
      <TemplatePreview template={template} showExamples={showExamples} />
    </li>
  );
}
