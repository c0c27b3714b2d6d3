'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import type { TRouterOutputs } from '@/components/trpc/types';
import { OTHER_COUNTRY, PRICING_CATEGORIES, RATE_CARD_COUNTRIES, RATE_MAX, ZRateCardInput, type TRates } from '@/server/domain/rate-card';
import { SaveFooter } from './save-footer';

type TCard = TRouterOutputs['pricing']['card'];
type TIssue = { path: PropertyKey[]; message: string };

/** An issue's place in the form: `currency`, or `SA.marketing` for a cell. */
const placeOf = (path: PropertyKey[]) => (path[0] === 'rates' ? path.slice(1, 3).join('.') : String(path[0]));

/**
 * Settings → Workspace → Template rates (admins): the default card's rates as placeholders, a cell filled in
 * overrides its rate, an empty one keeps the default. Checked with the server's own schema before sending; saved
 * over the version it was read at, like the workspace settings.
 */
export function RateCardForm() {
  const errorText = useErrorText();
  const trpc = useTRPC();
  const card = useQuery(trpc.pricing.card.queryOptions());
  const [loads, setLoads] = useState(0);
  if (card.isError) {
    return (
      <p role="alert" className="text-sm text-rose-700">
        {errorText(card.error)}
      </p>
    );
  }
  if (!card.data) return null;
  const reload = async () => {
    await card.refetch();
    setLoads((n) => n + 1);
  };
  return <RateCardEditor key={loads} initial={card.data} onReload={reload} />;
}

function RateCardEditor({ initial, onReload }: { initial: TCard; onReload: () => Promise<void> }) {
  const t = useTranslations('settingsRateCard');
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [currency, setCurrency] = useState(initial.currency);
  const [rates, setRates] = useState<TRates>(initial.overrides);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  // The version the next save names: the one read, then each save's own.
  const [version, setVersion] = useState(initial.version);
  const [conflict, setConflict] = useState(false);
  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    const extra = Object.keys(initial.overrides).filter((c) => !RATE_CARD_COUNTRIES.includes(c));
    return [...RATE_CARD_COUNTRIES, ...extra].map((code) => ({ code, name: code === OTHER_COUNTRY ? t('other') : (names.of(code) ?? code) }));
  }, [initial.overrides, locale, t]);
  const sameCurrency = currency.trim().toUpperCase() === initial.defaults.currency;

  const showIssues = (issues: TIssue[]) => setErrors(Object.fromEntries(issues.map((i) => [placeOf(i.path), i.message])));
  const save = useMutation(
    trpc.pricing.saveCard.mutationOptions({
      onSuccess: (next) => {
        setVersion(next.version);
        setCurrency(next.currency);
        setRates(next.overrides);
        setSaved(true);
        void queryClient.invalidateQueries({ queryKey: trpc.pricing.pathKey() });
      },
      onError: (error) => {
        const data = error.data as { appCode?: string; issues?: { path: string; message: string }[] } | undefined;
        if (data?.appCode === 'CONFLICT') setConflict(true);
        if (data?.issues) showIssues(data.issues.map((i) => ({ path: i.path.split('.'), message: i.message })));
      },
    }),
  );
  const errorFor = (place: string) => {
    const key = errors[place];
    return key ? (t.has(`errors.${key}` as never) ? t(`errors.${key}` as never, { max: RATE_MAX } as never) : t('errors.invalid')) : null;
  };
  const setCell = (country: string, category: string, value: string) => {
    setSaved(false);
    setRates((current) => {
      const row = { ...current[country] };
      if (value === '') delete row[category as keyof typeof row];
      else row[category as keyof typeof row] = value;
      return { ...current, [country]: row };
    });
  };

  return (
    <form
      noValidate
      aria-labelledby="rate-card-title"
      className="max-w-4xl"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        const parsed = ZRateCardInput.safeParse({ currency, rates });
        if (!parsed.success) return showIssues(parsed.error.issues);
        setErrors({});
        save.mutate({ ...parsed.data, version });
      }}
    >
      <h2 id="rate-card-title" className="text-xl font-semibold">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('intro')}</p>
      <p role="note" className="mt-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">
        {t('defaultsNote', { date: initial.defaultsDate })}
      </p>
      <label className="mt-4 block max-w-xs text-sm">
        {t('currency')}
        <input
          value={currency}
          onChange={(e) => {
            setSaved(false);
            setCurrency(e.target.value);
          }}
          maxLength={3}
          aria-invalid={!!errorFor('currency')}
          aria-describedby="rate-currency-help"
          className="mt-1 w-24 rounded-md border border-slate-300 px-2 py-1.5 text-sm uppercase"
        />
      </label>
      <p id="rate-currency-help" className="text-xs text-slate-500">
        {t('currencyHelp')}
      </p>
      {errorFor('currency') && <p className="text-xs text-rose-700">{errorFor('currency')}</p>}
      <table className="mt-4 w-full text-sm">
        <thead>
          <tr className="text-start text-xs text-slate-500">
            <th scope="col" className="py-1 pe-2 text-start font-medium">
              {t('country')}
            </th>
            {PRICING_CATEGORIES.map((category) => (
              <th key={category} scope="col" className="py-1 pe-2 text-start font-medium">
                {t(`categories.${category}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {countries.map(({ code, name }) => (
            <tr key={code} data-rate-country={code} className="border-t border-slate-100 align-top">
              <th scope="row" className="py-1 pe-2 text-start font-normal">
                {name}
              </th>
              {PRICING_CATEGORIES.map((category) => {
                const place = `${code}.${category}`;
                const fallback = sameCurrency ? initial.defaults.rates[code]?.[category] : undefined;
                return (
                  <td key={category} className="py-1 pe-2">
                    <input
                      dir="ltr"
                      inputMode="decimal"
                      aria-label={t('cell', { category: t(`categories.${category}`), country: name })}
                      aria-invalid={!!errorFor(place)}
                      placeholder={fallback ?? ''}
                      value={rates[code]?.[category] ?? ''}
                      onChange={(e) => setCell(code, category, e.target.value)}
                      className="w-24 rounded-md border border-slate-300 px-2 py-1 text-sm"
                    />
                    {errorFor(place) && <p className="text-xs text-rose-700">{errorFor(place)}</p>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <SaveFooter save={save} conflict={conflict} saved={saved} onReload={onReload} messages="settingsRateCard" />
    </form>
  );
}
