import { getCountries } from 'libphonenumber-js/min';
import { z } from 'zod';
import { CLOSING_ALERT_MINUTES_MAX, CLOSING_ALERT_MINUTES_MIN, CLOSING_ALERTS_MAX } from './closing-alerts';
import { LABEL_MAX } from './limits';
import { ZWorkspaceName } from './names';

/**
 * Workspace settings as admins edit them: the rules the server enforces and the form checks before sending, written
 * once. Zod messages are keys of the catalogs' `settingsWorkspace.errors`, so both sides say them in the reader's
 * language.
 */

export const CLOSING_NOTE_MODES = ['off', 'optional', 'required'] as const;
export type TClosingNoteMode = (typeof CLOSING_NOTE_MODES)[number];

/** Idle hours before an open conversation is closed automatically (respond.io's default is 24). */
export const AUTO_CLOSE_HOURS_MIN = 1;
export const AUTO_CLOSE_HOURS_MAX = 720;
export const AUTO_CLOSE_HOURS_DEFAULT = 24;

export { WORKSPACE_NAME_MAX } from './names';
export const CLOSING_CATEGORIES_MAX = 30;

const COUNTRIES: ReadonlySet<string> = new Set(getCountries());

/** IANA zones this runtime knows (the server's list decides; a browser's may differ by a few aliases). */
export function isTimeZone(value: string): boolean {
  if (value === 'UTC') return true;
  try {
    return Intl.supportedValuesOf('timeZone').includes(value);
  } catch {
    return false;
  }
}

export const ZWorkspaceSettingsFields = z.object({
  name: ZWorkspaceName,
  defaultCountry: z.string().refine((c) => COUNTRIES.has(c), 'countryUnknown'),
  timeZone: z.string().refine(isTimeZone, 'timeZoneUnknown').nullable(),
  arabicIndicDigits: z.boolean(),
  unassignOnClose: z.boolean(),
  closingNote: z.enum(CLOSING_NOTE_MODES, 'closingNoteMode'),
  closingCategories: z
    .array(z.string().trim().min(1, 'categoryEmpty').max(LABEL_MAX, 'categoryTooLong'))
    .max(CLOSING_CATEGORIES_MAX, 'tooManyCategories')
    .refine((list) => new Set(list.map((c) => c.toLocaleLowerCase())).size === list.length, 'categoryDuplicate'),
  agentsSeeAll: z.boolean(),
  autoCloseHours: z
    .number('autoCloseHoursRange')
    .int('autoCloseHoursRange')
    .min(AUTO_CLOSE_HOURS_MIN, 'autoCloseHoursRange')
    .max(AUTO_CLOSE_HOURS_MAX, 'autoCloseHoursRange')
    .nullable(),
  /** Minutes before a waiting customer's window closes at which to alert: one or two, the first the larger. */
  closingAlertMinutes: z
    .array(
      z
        .number('closingAlertRange')
        .int('closingAlertRange')
        .min(CLOSING_ALERT_MINUTES_MIN, 'closingAlertRange')
        .max(CLOSING_ALERT_MINUTES_MAX, 'closingAlertRange'),
    )
    .min(1, 'closingAlertRequired')
    .max(CLOSING_ALERTS_MAX, 'closingAlertTooMany')
    .refine((list) => list.every((m, i) => i === 0 || m < list[i - 1]!), 'closingAlertOrder'),
});
export type TWorkspaceSettingsFields = z.output<typeof ZWorkspaceSettingsFields>;
export const SETTINGS_FIELDS = Object.keys(ZWorkspaceSettingsFields.shape) as (keyof TWorkspaceSettingsFields)[];

/** The error key for each field that fails (the first issue of each), for forms. */
export function settingsFieldErrors(input: unknown): Partial<Record<string, string>> {
  const parsed = ZWorkspaceSettingsFields.safeParse(input);
  if (parsed.success) return {};
  const errors: Partial<Record<string, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Whether a close with this note may go under the workspace's rule: "required" wants a category or some text. */
export function closingNoteMissing(mode: TClosingNoteMode, note: { category?: string; text?: string } | undefined): boolean {
  return mode === 'required' && !note?.category?.trim() && !note?.text?.trim();
}
