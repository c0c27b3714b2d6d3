import { describe, expect, it } from 'vitest';
import { TEAM_NAME_MAX, teamNameError } from './teams';
import {
  AUTO_CLOSE_HOURS_MAX,
  closingNoteMissing,
  isTimeZone,
  settingsFieldErrors,
  type TWorkspaceSettingsFields,
  WORKSPACE_NAME_MAX,
} from './workspace-settings';

const valid: TWorkspaceSettingsFields = {
  name: 'Acme',
  defaultCountry: 'SA',
  timeZone: 'Asia/Riyadh',
  arabicIndicDigits: true,
  unassignOnClose: false,
  closingNote: 'optional',
  closingCategories: ['Resolved'],
  agentsSeeAll: true,
  autoCloseHours: 24,
  closingAlertMinutes: [60, 15],
};

describe('workspace settings rules (the form and the server alike)', () => {
  it('accepts a valid form, with auto-close and the time zone off', () => {
    expect(settingsFieldErrors(valid)).toEqual({});
    expect(settingsFieldErrors({ ...valid, autoCloseHours: null, timeZone: null })).toEqual({});
  });

  it.each([
    [{ name: ' ' }, 'name', 'WORKSPACE_NAME_REQUIRED'],
    [{ name: 'x'.repeat(WORKSPACE_NAME_MAX + 1) }, 'name', 'WORKSPACE_NAME_TOO_LONG'],
    [{ defaultCountry: 'sa' }, 'defaultCountry', 'countryUnknown'],
    [{ timeZone: 'Asia/Atlantis' }, 'timeZone', 'timeZoneUnknown'],
    [{ autoCloseHours: 0 }, 'autoCloseHours', 'autoCloseHoursRange'],
    [{ autoCloseHours: AUTO_CLOSE_HOURS_MAX + 1 }, 'autoCloseHours', 'autoCloseHoursRange'],
    [{ autoCloseHours: Number.NaN }, 'autoCloseHours', 'autoCloseHoursRange'],
    [{ closingCategories: ['A', ' a '] }, 'closingCategories', 'categoryDuplicate'],
    [{ closingAlertMinutes: [] }, 'closingAlertMinutes', 'closingAlertRequired'],
    [{ closingAlertMinutes: [0] }, 'closingAlertMinutes', 'closingAlertRange'],
    [{ closingAlertMinutes: [721] }, 'closingAlertMinutes', 'closingAlertRange'],
    [{ closingAlertMinutes: [60, 1.5] }, 'closingAlertMinutes', 'closingAlertRange'],
    [{ closingAlertMinutes: [60, Number.NaN] }, 'closingAlertMinutes', 'closingAlertRange'],
    [{ closingAlertMinutes: [90, 60, 15] }, 'closingAlertMinutes', 'closingAlertTooMany'],
    [{ closingAlertMinutes: [15, 60] }, 'closingAlertMinutes', 'closingAlertOrder'],
    [{ closingAlertMinutes: [30, 30] }, 'closingAlertMinutes', 'closingAlertOrder'],
  ])('%o → %s: %s', (patch, field, key) => {
    expect(settingsFieldErrors({ ...valid, ...patch })).toEqual({ [field]: key });
  });

  it('takes the bounds of auto-close hours as allowed', () => {
    expect(settingsFieldErrors({ ...valid, autoCloseHours: 1 })).toEqual({});
    expect(settingsFieldErrors({ ...valid, autoCloseHours: AUTO_CLOSE_HOURS_MAX })).toEqual({});
  });

  it('takes one or two closing alerts within their bounds, the first the larger', () => {
    expect(settingsFieldErrors({ ...valid, closingAlertMinutes: [1] })).toEqual({});
    expect(settingsFieldErrors({ ...valid, closingAlertMinutes: [720, 1] })).toEqual({});
  });

  it('knows IANA zones and UTC, and nothing else', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('GMT+3')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('a required closing note wants a category or some text; optional and off want nothing', () => {
    expect(closingNoteMissing('required', undefined)).toBe(true);
    expect(closingNoteMissing('required', { text: '  ' })).toBe(true);
    expect(closingNoteMissing('required', { category: 'Resolved' })).toBe(false);
    expect(closingNoteMissing('required', { text: 'Refunded' })).toBe(false);
    expect(closingNoteMissing('optional', undefined)).toBe(false);
    expect(closingNoteMissing('off', undefined)).toBe(false);
  });

  it('a team name is trimmed and bounded', () => {
    expect(teamNameError('  Sales ')).toBeNull();
    expect(teamNameError('   ')).toBe('nameRequired');
    expect(teamNameError('x'.repeat(TEAM_NAME_MAX))).toBeNull();
    expect(teamNameError('x'.repeat(TEAM_NAME_MAX + 1))).toBe('nameTooLong');
  });
});
