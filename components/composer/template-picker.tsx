'use client';

import { headerMediaKind } from '@/server/domain/outbound-media';
import { HeaderMediaInput, type THeaderMedia } from './header-media';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { TEMPLATE_PARAM_VALUE_MAX } from '@/server/domain/limits';
import { prefillFor, templateInputs, validateTemplateParams } from '@/server/domain/templates';
import { templateInputHints, type TInputHint } from '@/server/domain/template-inputs';
import { TemplatePreview } from '@/components/settings/templates/template-preview';
import { normalizeSearchText } from '@/server/domain/search-normalize';
import { templateRefusedFor } from '@/server/domain/marketing-preferences';
import { MarketingStopNote } from './marketing-stop-note';
import { FreeEntryMark } from './free-entry-mark';
import { TemplateCost } from './template-cost';

type TContact = {
  firstName: string | null;
  lastName: string | null;
  fields: Record<string, string>;
  marketingOptOutAt?: Date | string | null;
};

type TContactCategory = keyof typeof CATEGORY_STYLE;

const CATEGORY_STYLE = {
  MARKETING: 'bg-fuchsia-100 text-fuchsia-800',
  UTILITY: 'bg-sky-100 text-sky-800',
  AUTHENTICATION: 'bg-slate-200 text-slate-800',
} as const;

/**
 * The composer's templates (after a WhatsApp window lapsed, or chosen inside it): only this number's approved
 * templates, filled, previewed and priced. `windowOpen` is the window policy's verdict the composer already holds;
 * `freeEntryUntil` the conversation's free entry point end (ISO), if any.
 */
export function TemplatePicker({
  conversationId,
  contact,
  pending,
  onSend,
  windowOpen = false,
  freeEntryUntil = null,
}: {
  conversationId: string;
  contact: TContact;
  pending: boolean;
  onSend: (templateId: string, params: Record<string, string>, headerMedia?: THeaderMedia) => void;
  windowOpen?: boolean;
  freeEntryUntil?: string | null;
}) {
  const t = useTranslations('template');
  const tc = useTranslations('composer');
  const trpc = useTRPC();
  const list = useQuery(trpc.template.forConversation.queryOptions({ conversationId }));
  const [search, setSearch] = useState('');
  const [chosenId, setChosenId] = useState<string>('');
  const [values, setValues] = useState<Record<string, string>>({});

  const filtered = useMemo(() => {
    const needle = normalizeSearchText(search);
    return (list.data ?? []).filter(
      (tpl) => !needle || normalizeSearchText(`${tpl.name} ${tpl.language} ${tpl.category}`).includes(needle),
    );
  }, [list.data, search]);
  const chosen = list.data?.find((tpl) => tpl.id === chosenId) ?? null;
  const inputs = chosen ? templateInputs(chosen) : [];
  const hints = chosen ? templateInputHints(chosen) : new Map<string, TInputHint>();
  const params = Object.fromEntries(inputs.map((i) => [i.key, values[`${chosenId}:${i.key}`] ?? prefillFor(i.name, contact)]));
  const refused = (category: TContactCategory) => templateRefusedFor(category, contact.marketingOptOutAt ?? null) !== null;
  // An image, video or document header needs its file (or link) before the template can go.
  const headerKind = chosen ? headerMediaKind(chosen.components) : null;
  const [headerMedia, setHeaderMedia] = useState<THeaderMedia | null>(null);
  const ready =
    !!chosen && !refused(chosen.category) && validateTemplateParams(chosen, params).length === 0 && (!headerKind || !!headerMedia);

  return (
    <section role="region" aria-label={t('region')} className="space-y-2">
      <FreeEntryMark conversationId={conversationId} />
      <div className="flex gap-2">
        <input
          type="search"
          aria-label={t('search')}
          placeholder={t('search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="w-40 rounded-md border border-slate-300 px-2 py-1 text-sm"
        />
        <select
          aria-label={t('choose')}
          value={chosenId}
          onChange={(e) => setChosenId(e.target.value)}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        >
          <option value="">{list.isPending ? t('loading') : filtered.length ? t('placeholder') : t('noneMatch')}</option>
          {filtered.map((tpl) => (
            <option key={tpl.id} value={tpl.id} disabled={refused(tpl.category)}>
              {tpl.name} · {tpl.language} · {t(`category.${tpl.category}`)}
              {refused(tpl.category) ? ` · ${t('marketingUnavailable')}` : ''}
            </option>
          ))}
        </select>
      </div>
      <MarketingStopNote stoppedAt={contact.marketingOptOutAt} />
      {chosen && (
        <>
          <div className="flex items-center gap-1.5 text-[11px]">
            <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-700" data-badge="language">
              {chosen.language}
            </span>
            <span className={`rounded px-1.5 py-0.5 font-medium ${CATEGORY_STYLE[chosen.category]}`} data-badge="category">
              {chosen.category}
            </span>
          </div>
          <TemplateCost
            conversationId={conversationId}
            category={chosen.category}
            windowOpen={windowOpen}
            freeEntryUntil={freeEntryUntil}
          />
          {chosen.category === 'MARKETING' && (
            <p role="note" className="rounded bg-fuchsia-50 px-2 py-1 text-xs text-fuchsia-900">
              {t('marketingNote')}
            </p>
          )}
          {inputs.length > 0 && (
            <div className="grid grid-cols-2 gap-2">
              {inputs.map((input) => {
                const name =
                  input.part === 'HEADER'
                    ? t('header', { name: `{{${input.name}}}` })
                    : chosen.parameterFormat === 'NAMED'
                      ? input.name
                      : `{{${input.name}}}`;
                // What the variable is for: Meta's example for it, else the words just before it in the template.
                const hint = hints.get(input.key);
                const label = hint?.example
                  ? t('inputExample', { name, example: hint.example })
                  : hint?.before
                    ? t('inputAfter', { name, words: hint.before })
                    : name;
                return (
                  <label key={input.key} className="text-xs text-slate-600">
                    {label}
                    <input
                      aria-label={label}
                      dir="auto"
                      placeholder={hint?.example ?? undefined}
                      value={params[input.key] ?? ''}
                      maxLength={TEMPLATE_PARAM_VALUE_MAX}
                      onChange={(e) => setValues((v) => ({ ...v, [`${chosenId}:${input.key}`]: e.target.value }))}
                      className="mt-0.5 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-900"
                    />
                  </label>
                );
              })}
            </div>
          )}
          {headerKind && <HeaderMediaInput key={chosen.id} kind={headerKind} onChange={setHeaderMedia} />}
          <div data-testid="template-preview">
            <TemplatePreview template={chosen} showExamples={false} values={valuesByPart(params)} />
          </div>
        </>
      )}
      <div className="flex justify-end">
        <button
          type="button"
          disabled={!ready || pending}
          onClick={() => chosen && onSend(chosen.id, params, (headerKind && headerMedia) || undefined)}
          className="rounded-lg bg-brand-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
        >
          {pending ? tc('sending') : t('send')}
        </button>
      </div>
    </section>
  );
}

/** The agent's values (`header.1`, `body.customer_name`) by part, as the preview reads them. */
function valuesByPart(params: Record<string, string>) {
  const values = { header: {} as Record<string, string>, body: {} as Record<string, string> };
  for (const [key, value] of Object.entries(params)) {
    const [part, name] = key.split('.', 2) as [string, string];
    if (part === 'header' || part === 'body') values[part][name] = value;
  }
  return values;
}
