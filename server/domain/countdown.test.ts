import { describe, expect, it } from 'vitest';
import { windowWords } from '@/server/i18n/words';
import { chipView, durationInWords, formatCountdown, formatDaysHours } from './countdown';
import { evaluateWindow } from './window';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const en = windowWords('en');
const arLatin = windowWords('ar', false);
const arIndic = windowWords('ar', true);

describe('formatCountdown', () => {
  it.each([
    [24 * H, '24h 00m', '24 س 00 د', '٢٤ س ٠٠ د'],
    [23 * H + 59 * M + 59 * S, '23h 59m', '23 س 59 د', '٢٣ س ٥٩ د'],
    [H, '1h 00m', '1 س 00 د', '١ س ٠٠ د'],
    [H - 1, '1h 00m', '1 س 00 د', '١ س ٠٠ د'],
    [H - S, '59:59', '59:59', '٥٩:٥٩'],
    [15 * M, '15:00', '15:00', '١٥:٠٠'],
    [61 * S, '01:01', '01:01', '٠١:٠١'],
    [1, '00:01', '00:01', '٠٠:٠١'],
    [0, '00:00', '00:00', '٠٠:٠٠'],
    [-5 * S, '00:00', '00:00', '٠٠:٠٠'],
  ])('%i ms → %s | %s | %s', (ms, english, arabic, indic) => {
    expect(formatCountdown(ms, en)).toBe(english);
    expect(formatCountdown(ms, arLatin)).toBe(arabic);
    expect(formatCountdown(ms, arIndic)).toBe(indic);
  });
});

describe('formatDaysHours', () => {
  it.each([
    [6 * D + 23 * H + 59 * M, '6d 23h', '٦ ي ٢٣ س'],
    [D, '1d 0h', '١ ي ٠ س'],
    [D - M, '23h 59m', '٢٣ س ٥٩ د'],
  ])('%i ms → %s | %s', (ms, english, indic) => {
    expect(formatDaysHours(ms, en)).toBe(english);
    expect(formatDaysHours(ms, arIndic)).toBe(indic);
  });
});

describe('durationInWords', () => {
  it.each([
    [3 * H + 12 * M, '3 hours 12 minutes', '٣ ساعات و١٢ دقيقة'],
    [H, '1 hour', 'ساعة واحدة'],
    [2 * H, '2 hours', 'ساعتان'],
    [11 * H + 2 * M, '11 hours 2 minutes', '١١ ساعة ودقيقتان'],
    [M + S, '1 minute 1 second', 'دقيقة واحدة وثانية واحدة'],
    [45 * S, '45 seconds', '٤٥ ثانية'],
    [5 * M, '5 minutes', '٥ دقائق'],
    [2 * D + 3 * H, '2 days 3 hours', 'يومان و٣ ساعات'],
  ])('%i ms → %s | %s', (ms, english, arabic) => {
    expect(durationInWords(ms, en)).toBe(english);
    expect(durationInWords(ms, arIndic)).toBe(arabic);
  });
});

describe('chipView', () => {
  const last = new Date('2026-11-20T10:00:00Z');
  const at = (ms: number) => new Date(last.getTime() + ms);
  const view = (type: Parameters<typeof evaluateWindow>[0], ms: number, w = en) => chipView(evaluateWindow(type, last, at(ms)), at(ms), w);

  it('counts down the WhatsApp window with rising urgency, then reads Template only', () => {
    expect(view('whatsapp', 0)).toMatchObject({ state: 'open', text: '24h 00m', urgency: 'calm' });
    expect(view('whatsapp', 23 * H)).toMatchObject({ text: '1h 00m', urgency: 'calm' });
    expect(view('whatsapp', 23 * H + S)).toMatchObject({ text: '59:59', urgency: 'soon' });
    expect(view('whatsapp', D - 15 * M)).toMatchObject({ text: '15:00', urgency: 'soon' });
    expect(view('whatsapp', D - 15 * M + 1)).toMatchObject({ urgency: 'urgent' });
    expect(view('whatsapp', D - 1)).toMatchObject({ text: '00:01', label: 'Window closes in 1 second' });
    expect(view('whatsapp', D)).toMatchObject({ state: 'template_only', text: 'Template only', closesAt: null });
  });

  it('reads in Arabic', () => {
    expect(view('whatsapp', 20 * H + 48 * M, arIndic)).toMatchObject({ text: '٣ س ١٢ د', label: 'تُغلق النافذة خلال ٣ ساعات و١٢ دقيقة' });
    expect(view('whatsapp', D, arIndic)).toMatchObject({ text: 'القوالب فقط' });
    expect(view('messenger', D, arIndic)).toMatchObject({ text: 'وكيل بشري · ٦ ي ٠ س' });
  });

  it('shows the Messenger tag period, then closed to outbound', () => {
    expect(view('messenger', D)).toMatchObject({ state: 'tag', text: 'Human agent · 6d 0h' });
    expect(view('instagram', 7 * D)).toMatchObject({ state: 'closed_to_outbound', text: 'Closed to outbound' });
  });

  it('shows nothing on channels without a window', () => {
    expect(view('telegram', 0)).toBeNull();
  });
});
