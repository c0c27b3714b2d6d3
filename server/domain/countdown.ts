import type { TWindow, TWindowState } from './window';

/**
 * How the window reads in the UI: the chip's short text, its words for screen readers, and its urgency.
 * Pure, so it is tested exhaustively and shared by every chip.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type TUrgency = 'calm' | 'soon' | 'urgent' | 'lapsed' | 'none';

/** `23h 59m` above an hour, `59:59` in the last hour (rounded up, so it never shows 00:00 while still open). */
export function formatCountdown(msLeft: number): string {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)}h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/** `6d 23h` for the longer tag period. */
export function formatDaysHours(msLeft: number): string {
  const hours = Math.max(0, Math.floor(msLeft / HOUR));
  return hours >= 24 ? `${Math.floor(hours / 24)}d ${hours % 24}h` : formatCountdown(msLeft);
}

function plural(n: number, unit: string) {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "3 hours 12 minutes", "45 seconds": the words behind the chip. */
export function durationInWords(msLeft: number): string {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (d > 0) return [plural(d, 'day'), h ? plural(h, 'hour') : ''].filter(Boolean).join(' ');
  if (h > 0) return [plural(h, 'hour'), m ? plural(m, 'minute') : ''].filter(Boolean).join(' ');
  if (m > 0) return [plural(m, 'minute'), s ? plural(s, 'second') : ''].filter(Boolean).join(' ');
  return plural(s, 'second');
}

export type TChipView = { state: TWindowState; text: string; label: string; urgency: TUrgency; closesAt: Date | null };

export function chipView(window: TWindow, now: Date): TChipView | null {
  const left = window.closesAt ? window.closesAt.getTime() - now.getTime() : 0;
  switch (window.state) {
    case 'none':
      return null;
    case 'open':
      return {
        state: 'open',
        text: formatCountdown(left),
        label: `Window closes in ${durationInWords(left)}`,
        urgency: left < 15 * MINUTE ? 'urgent' : left < HOUR ? 'soon' : 'calm',
        closesAt: window.closesAt,
      };
    case 'tag':
      return {
        state: 'tag',
        text: `Human agent · ${formatDaysHours(left)}`,
        label: `Free window closed; human agent replies allowed for ${durationInWords(left)}`,
        urgency: left < DAY ? 'soon' : 'lapsed',
        closesAt: window.closesAt,
      };
    case 'template_only':
      return {
        state: 'template_only',
        text: 'Template only',
        label: 'Window closed: only approved templates can be sent',
        urgency: 'lapsed',
        closesAt: null,
      };
    case 'closed_to_outbound':
      return {
        state: 'closed_to_outbound',
        text: 'Closed to outbound',
        label: 'No messages can be sent until the customer writes',
        urgency: 'lapsed',
        closesAt: null,
      };
  }
}
