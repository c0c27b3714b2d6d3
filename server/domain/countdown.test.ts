import { describe, expect, it } from 'vitest';
import { chipView, durationInWords, formatCountdown, formatDaysHours } from './countdown';
import { evaluateWindow } from './window';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('formatCountdown', () => {
  it.each([
    [24 * H, '24h 00m'],
    [23 * H + 59 * M + 59 * S, '23h 59m'],
    [H, '1h 00m'],
    [H - 1, '1h 00m'],
    [H - S, '59:59'],
    [59 * M + 59 * S, '59:59'],
    [15 * M, '15:00'],
    [61 * S, '01:01'],
    [1, '00:01'],
    [0, '00:00'],
    [-5 * S, '00:00'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});

describe('formatDaysHours', () => {
  it.each([
    [6 * D + 23 * H + 59 * M, '6d 23h'],
    [D, '1d 0h'],
    [D - M, '23h 59m'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatDaysHours(ms)).toBe(text);
  });
});

describe('durationInWords', () => {
  it.each([
    [3 * H + 12 * M, '3 hours 12 minutes'],
    [H, '1 hour'],
    [M + S, '1 minute 1 second'],
    [45 * S, '45 seconds'],
    [2 * D + 3 * H, '2 days 3 hours'],
  ])('%i ms → %s', (ms, words) => {
    expect(durationInWords(ms)).toBe(words);
  });
});

describe('chipView', () => {
  const last = new Date('2026-11-20T10:00:00Z');
  const at = (ms: number) => new Date(last.getTime() + ms);

  it('counts down the WhatsApp window with rising urgency, then reads Template only', () => {
    expect(chipView(evaluateWindow('whatsapp', last, at(0)), at(0))).toMatchObject({ state: 'open', text: '24h 00m', urgency: 'calm' });
    expect(chipView(evaluateWindow('whatsapp', last, at(23 * H)), at(23 * H))).toMatchObject({ text: '1h 00m', urgency: 'calm' });
    expect(chipView(evaluateWindow('whatsapp', last, at(23 * H + S)), at(23 * H + S))).toMatchObject({ text: '59:59', urgency: 'soon' });
    expect(chipView(evaluateWindow('whatsapp', last, at(D - 15 * M)), at(D - 15 * M))).toMatchObject({ text: '15:00', urgency: 'soon' });
    expect(chipView(evaluateWindow('whatsapp', last, at(D - 15 * M + 1)), at(D - 15 * M + 1))).toMatchObject({ urgency: 'urgent' });
    expect(chipView(evaluateWindow('whatsapp', last, at(D - 1)), at(D - 1))).toMatchObject({
      text: '00:01',
      label: 'Window closes in 1 second',
    });
    expect(chipView(evaluateWindow('whatsapp', last, at(D)), at(D))).toMatchObject({
      state: 'template_only',
      text: 'Template only',
      closesAt: null,
    });
  });

  it('shows the Messenger tag period, then closed to outbound', () => {
    expect(chipView(evaluateWindow('messenger', last, at(D)), at(D))).toMatchObject({ state: 'tag', text: 'Human agent · 6d 0h' });
    expect(chipView(evaluateWindow('instagram', last, at(7 * D)), at(7 * D))).toMatchObject({
      state: 'closed_to_outbound',
      text: 'Closed to outbound',
    });
  });

  it('shows nothing on channels without a window', () => {
    expect(chipView(evaluateWindow('telegram', last, at(0)), at(0))).toBeNull();
  });
});
