import { CLOSING_SOON_MS, type TWindow, type TWindowState } from './window';

/**
 * How the window reads in the UI: the chip's short text, its words for screen readers, and its urgency. Pure: the
 * words come in (a translator over the `window` catalog namespace and a number formatter with the right digits), so
 * one implementation serves English and Arabic and is tested in both.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type TUrgency = 'calm' | 'soon' | 'urgent' | 'lapsed';
export type TWords = {
  t: (key: string, values?: Record<string, string | number>) => string;
  /** Formats an integer with the locale's digits, zero-padded to `minDigits`. */
  n: (value: number, minDigits?: number) => string;
};

/** `23h 59m` above an hour, `59:59` in the last hour (rounded up, so it never shows 00:00 while still open). */
export function formatCountdown(msLeft: number, w: TWords): string {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  if (seconds >= 3600) return w.t('hm', { h: w.n(Math.floor(seconds / 3600)), m: w.n(Math.floor((seconds % 3600) / 60), 2) });
  return w.t('ms', { m: w.n(Math.floor(seconds / 60), 2), s: w.n(seconds % 60, 2) });
}

/** `6d 23h` for the longer tag period. */
export function formatDaysHours(msLeft: number, w: TWords): string {
  const hours = Math.max(0, Math.floor(msLeft / HOUR));
  return hours >= 24 ? w.t('dh', { d: w.n(Math.floor(hours / 24)), h: w.n(hours % 24) }) : formatCountdown(msLeft, w);
}

/** "3 hours 12 minutes", "45 seconds": the two largest units, in words. */
export function durationInWords(msLeft: number, w: TWords): string {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  const units: [string, number][] = [
    ['day', Math.floor(seconds / 86400)],
    ['hour', Math.floor((seconds % 86400) / 3600)],
    ['minute', Math.floor((seconds % 3600) / 60)],
    ['second', seconds % 60],
  ];
  const first = units.findIndex(([, value]) => value > 0);
  if (first === -1) return w.t('second', { n: 0, count: w.n(0) });
  const word = ([unit, value]: [string, number]) => w.t(unit, { n: value, count: w.n(value) });
  const next = units[first + 1];
  return next && next[1] > 0 ? w.t('join', { a: word(units[first]!), b: word(next) }) : word(units[first]!);
}

export type TChipView = { state: TWindowState; text: string; label: string; urgency: TUrgency; closesAt: Date | null };

export function chipView(window: TWindow, now: Date, w: TWords): TChipView | null {
  const left = window.closesAt ? window.closesAt.getTime() - now.getTime() : 0;
  switch (window.state) {
    case 'none':
      return null;
    case 'open':
      return {
        state: 'open',
        text: formatCountdown(left, w),
        label: w.t('closesIn', { duration: durationInWords(left, w) }),
        urgency: left < 15 * MINUTE ? 'urgent' : left < CLOSING_SOON_MS ? 'soon' : 'calm',
        closesAt: window.closesAt,
      };
    case 'tag':
      return {
        state: 'tag',
        text: w.t('tag', { left: formatDaysHours(left, w) }),
        label: w.t('tagLabel', { duration: durationInWords(left, w) }),
        urgency: left < DAY ? 'soon' : 'lapsed',
        closesAt: window.closesAt,
      };
    case 'template_only':
      return { state: 'template_only', text: w.t('templateOnly'), label: w.t('templateOnlyLabel'), urgency: 'lapsed', closesAt: null };
    case 'closed_to_outbound':
      return { state: 'closed_to_outbound', text: w.t('closedToOutbound'), label: w.t('closedLabel'), urgency: 'lapsed', closesAt: null };
  }
}
