'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useMemo, type ReactNode } from 'react';
import { getCountries } from 'libphonenumber-js/min';
import { CLOSING_ALERT_MINUTES_MAX, CLOSING_ALERT_MINUTES_MIN } from '@/server/domain/closing-alerts';
import { LABEL_MAX } from '@/server/domain/limits';
import {
  AUTO_CLOSE_HOURS_DEFAULT,
  AUTO_CLOSE_HOURS_MAX,
  AUTO_CLOSE_HOURS_MIN,
  CLOSING_CATEGORIES_MAX,
  CLOSING_NOTE_MODES,
  WORKSPACE_NAME_MAX,
  type TWorkspaceSettingsFields,
} from '@/server/domain/workspace-settings';

/** The form's state: every field, and the version it was read at. */
export type TSettingsDraft = TWorkspaceSettingsFields & { version: number };

type TProps = { draft: TSettingsDraft; errors: Partial<Record<string, string>>; onChange: (patch: Partial<TSettingsDraft>) => void };

const MODE_KEYS = { off: 'closingNoteOff', optional: 'closingNoteOptional', required: 'closingNoteRequired' } as const;
const LIMITS = { max: WORKSPACE_NAME_MAX, min: AUTO_CLOSE_HOURS_MIN };
const input = 'mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

function timeZones(): string[] {
  try {
    return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  } catch {
    return ['UTC'];
  }
}

/** The controls of the workspace settings form, each with its real label and its translated error. */
export function WorkspaceFields({ draft, errors, onChange }: TProps) {
  const t = useTranslations('settingsWorkspace');
  const locale = useLocale();
  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    return getCountries()
      .map((code) => ({ code, name: names.of(code) ?? code }))
      .sort((a, b) => a.name.localeCompare(b.name, locale));
  }, [locale]);
  const zones = useMemo(() => timeZones(), []);
  const error = (field: string, limits: Record<string, number> = LIMITS) => {
    const key = errors[field];
    if (!key) return null;
    return (
      <span id={`${field}-error`} role="alert" className="mt-1 block text-sm text-rose-700">
        {t.has(`errors.${key}` as never) ? t(`errors.${key}` as never, limits as never) : t('errors.invalid')}
      </span>
    );
  };
  const described = (field: string) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${field}-error` } : {});
  const hours = AUTO_CLOSE_HOURS_DEFAULT;

  return (
    <div className="mt-6 flex flex-col gap-6">
      <Group title={t('general')}>
        <Field id="ws-name" label={t('name')} error={error('name')}>
          <input
            id="ws-name"
            value={draft.name}
            maxLength={WORKSPACE_NAME_MAX}
            onChange={(e) => onChange({ name: e.target.value })}
            dir="auto"
            className={input}
            {...described('name')}
          />
        </Field>
        <Field id="ws-country" label={t('defaultCountry')} help={t('defaultCountryHelp')} error={error('defaultCountry')}>
          <select
            id="ws-country"
            value={draft.defaultCountry}
            onChange={(e) => onChange({ defaultCountry: e.target.value })}
            className={input}
            {...described('defaultCountry')}
          >
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="ws-timezone" label={t('timeZone')} help={t('timeZoneHelp')} error={error('timeZone')}>
          <select
            id="ws-timezone"
            value={draft.timeZone ?? ''}
            onChange={(e) => onChange({ timeZone: e.target.value || null })}
            className={input}
            {...described('timeZone')}
          >
            <option value="">{t('timeZoneBrowser')}</option>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="text-sm">
          <legend className="font-medium">{t('digits')}</legend>
          <div className="mt-1 flex gap-4">
            <Radio
              name="digits"
              checked={!draft.arabicIndicDigits}
              onChange={() => onChange({ arabicIndicDigits: false })}
              label={t('digitsLatin')}
            />
            <Radio
              name="digits"
              checked={draft.arabicIndicDigits}
              onChange={() => onChange({ arabicIndicDigits: true })}
              label={t('digitsArabic')}
            />
          </div>
        </fieldset>
      </Group>

      <Group title={t('closing')}>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={draft.unassignOnClose} onChange={(e) => onChange({ unassignOnClose: e.target.checked })} />
          <span>{t('unassignOnClose')}</span>
        </label>
        <Field id="ws-closing-note" label={t('closingNote')} error={error('closingNote')}>
          <select
            id="ws-closing-note"
            value={draft.closingNote}
            onChange={(e) => onChange({ closingNote: e.target.value as TSettingsDraft['closingNote'] })}
            className={input}
          >
            {CLOSING_NOTE_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(MODE_KEYS[mode])}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="ws-categories"
          label={t('closingCategories')}
          help={t('closingCategoriesHelp')}
          error={error('closingCategories', { max: errors.closingCategories === 'tooManyCategories' ? CLOSING_CATEGORIES_MAX : LABEL_MAX })}
        >
          <textarea
            id="ws-categories"
            rows={4}
            value={draft.closingCategories.join('\n')}
            onChange={(e) => onChange({ closingCategories: e.target.value.split('\n') })}
            // Empty lines go when the field is left (the server trims each category, as the check before saving does).
            onBlur={() => onChange({ closingCategories: draft.closingCategories.map((c) => c.trim()).filter(Boolean) })}
            dir="auto"
            className={input}
            {...described('closingCategories')}
          />
        </Field>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={draft.autoCloseHours !== null}
            onChange={(e) => onChange({ autoCloseHours: e.target.checked ? hours : null })}
          />
          <span>{t('autoClose')}</span>
        </label>
        {draft.autoCloseHours !== null && (
          <Field
            id="ws-auto-close"
            label={t('autoCloseHours')}
            help={t('autoCloseHelp')}
            error={error('autoCloseHours', { min: AUTO_CLOSE_HOURS_MIN, max: AUTO_CLOSE_HOURS_MAX })}
          >
            <input
              id="ws-auto-close"
              type="number"
              inputMode="numeric"
              min={AUTO_CLOSE_HOURS_MIN}
              max={AUTO_CLOSE_HOURS_MAX}
              step={1}
              value={Number.isNaN(draft.autoCloseHours) ? '' : draft.autoCloseHours}
              onChange={(e) => onChange({ autoCloseHours: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
              className={`${input} w-32`}
              {...described('autoCloseHours')}
            />
          </Field>
        )}
      </Group>

      <ClosingAlerts draft={draft} error={error('closingAlertMinutes', ALERT_LIMITS)} described={described('closingAlertMinutes')} onChange={onChange} />

      <Group title={t('visibility')}>
        <fieldset className="text-sm">
          <legend className="font-medium">{t('agentsSee')}</legend>
          <div className="mt-1 flex flex-col gap-1">
            <Radio
              name="agents-see"
              checked={draft.agentsSeeAll}
              onChange={() => onChange({ agentsSeeAll: true })}
              label={t('agentsSeeAll')}
            />
            <Radio
              name="agents-see"
              checked={!draft.agentsSeeAll}
              onChange={() => onChange({ agentsSeeAll: false })}
              label={t('agentsSeeMine')}
            />
          </div>
        </fieldset>
      </Group>
    </div>
  );
}

const ALERT_LIMITS = { min: CLOSING_ALERT_MINUTES_MIN, max: CLOSING_ALERT_MINUTES_MAX };
/** A number typed, or NaN for anything else (the rules then say why), so a half-typed value is never a silent 0. */
const minutes = (value: string) => (value.trim() === '' ? Number.NaN : Number(value));

/** The closing-soon lead times: a first alert, and an optional second one (closer to the window's end). */
function ClosingAlerts({
  draft,
  error,
  described,
  onChange,
}: {
  draft: TSettingsDraft;
  error: ReactNode;
  described: Record<string, unknown>;
  onChange: TProps['onChange'];
}) {
  const t = useTranslations('settingsWorkspace');
  const [first, second] = draft.closingAlertMinutes;
  const shown = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '' : value);
  const field = { type: 'number', inputMode: 'numeric', min: CLOSING_ALERT_MINUTES_MIN, max: CLOSING_ALERT_MINUTES_MAX, step: 1 } as const;
  return (
    <Group title={t('closingAlerts')}>
      <p className="text-sm text-slate-600">{t('closingAlertsHelp')}</p>
      <Field id="ws-first-alert" label={t('firstAlert')} error={error}>
        <input
          id="ws-first-alert"
          {...field}
          value={shown(first)}
          onChange={(e) => onChange({ closingAlertMinutes: [minutes(e.target.value), ...(second === undefined ? [] : [second])] })}
          className={`${input} w-32`}
          {...described}
        />
      </Field>
      <Field id="ws-second-alert" label={t('secondAlert')} error={null}>
        <input
          id="ws-second-alert"
          {...field}
          value={shown(second)}
          onChange={(e) =>
            onChange({ closingAlertMinutes: e.target.value.trim() === '' ? [first ?? Number.NaN] : [first ?? Number.NaN, minutes(e.target.value)] })
          }
          className={`${input} w-32`}
          {...described}
        />
      </Field>
    </Group>
  );
}

/** A control with its label (by id, so the name is the label alone), its help and its error, both as its description. */
function Field({ id, label, help, error, children }: { id: string; label: string; help?: string; error: ReactNode; children: ReactNode }) {
  return (
    <div className="text-sm">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {children}
      {help && (
        <p id={`${id}-help`} className="mt-1 text-xs text-slate-500">
          {help}
        </p>
      )}
      {error}
    </div>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4">
      <h3 className="font-semibold">{title}</h3>
      {children}
    </section>
  );
}

function Radio({ name, checked, onChange, label }: { name: string; checked: boolean; onChange: () => void; label: string }) {
  return (
    <label className="flex items-center gap-2">
      <input type="radio" name={name} checked={checked} onChange={onChange} />
      <span>{label}</span>
    </label>
  );
}
