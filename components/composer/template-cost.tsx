'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useFormats } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { useTicking } from '@/components/window/clock';
import { pricingCategory, templateCost, type TTemplateCost } from '@/server/domain/template-cost';
import type { TTemplateCategory } from '@/server/domain/templates';
import { formatMoney } from '@/server/i18n/money';

/**
 * The chosen template's estimated charge (`data-template-cost`: "Free" or the amount with its currency) and why it
 * is free when it is. The same rule the send stores, on the workspace's card and the recipient's country from the
 * server, with the window's verdict from the composer and the free entry point's end ticking on the shared clock, so
 * the estimate turns the moment either ends.
 */
export function TemplateCost({
  conversationId,
  category,
  windowOpen,
  freeEntryUntil,
}: {
  conversationId: string;
  category: TTemplateCategory;
  windowOpen: boolean;
  freeEntryUntil: string | null;
}) {
  const t = useTranslations('templateCost');
  const { tag, dateTime } = useFormats();
  const trpc = useTRPC();
  const context = useQuery(trpc.pricing.forConversation.queryOptions({ conversationId }));
  const until = freeEntryUntil ? new Date(freeEntryUntil) : null;
  const estimate = (now: Date): string | null =>
    context.data
      ? JSON.stringify(
          templateCost({
            category: pricingCategory(category),
            country: context.data.country,
            businessCountry: context.data.businessCountry,
            windowOpen,
            freeEntryUntil: until,
            now,
            rateCard: context.data.card,
          }),
        )
      : null;
  const encoded = useTicking(estimate, null);
  if (!encoded) return null;
  const cost = JSON.parse(encoded) as TTemplateCost;

  return (
    <p className="flex flex-wrap items-baseline gap-x-1.5 text-xs text-slate-600">
      <span>{t('label')}:</span>
      <strong data-template-cost={cost.kind} className={cost.kind === 'free' ? 'text-emerald-700' : 'text-slate-900'}>
        {cost.kind === 'free' ? t('free') : cost.kind === 'charge' ? <bdi>{formatMoney(tag, cost.amount, cost.currency)}</bdi> : t('unknown')}
      </strong>
      {cost.kind === 'charge' && <span>({t('perDelivered')})</span>}
      {cost.kind === 'free' && (
        <span data-testid="template-cost-reason">{t(`reasons.${cost.reason}`, { until: until ? dateTime(until) : '' })}</span>
      )}
    </p>
  );
}
