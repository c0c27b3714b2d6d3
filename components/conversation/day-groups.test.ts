import { describe, expect, it } from 'vitest';
import { dayLabelKind, isCloseLine, withDaySeparators } from './day-groups';

// Days in Riyadh (UTC+3): 21:30 UTC is already the next day there.
const riyadhDay = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Riyadh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

describe('withDaySeparators', () => {
  it('starts each calendar day of the workspace’s zone with one separator, none between items of one day', () => {
    const items = ['2026-03-01T10:00:00Z', '2026-03-01T20:59:00Z', '2026-03-01T21:30:00Z', '2026-03-03T08:00:00Z'].map((at) => ({
      at: new Date(at),
    }));
    const out = withDaySeparators(items, (i) => i.at, riyadhDay);
    expect(out.map((x) => (x.kind === 'day' ? x.day : 'item'))).toEqual([
      '2026-03-01',
      'item',
      'item',
      '2026-03-02',
      'item',
      '2026-03-03',
      'item',
    ]);
  });

  it('puts a "closed" separator right after each close line, before the next day starts', () => {
    const items = [
      { at: new Date('2026-03-01T10:00:00Z'), close: false },
      { at: new Date('2026-03-01T11:00:00Z'), close: true },
      { at: new Date('2026-03-04T08:00:00Z'), close: false },
      { at: new Date('2026-03-04T09:00:00Z'), close: true },
    ];
    const out = withDaySeparators(items, (i) => i.at, riyadhDay, (i) => i.close);
    expect(out.map((x) => x.kind)).toEqual(['day', 'item', 'item', 'closed', 'day', 'item', 'item', 'closed']);
    const closed = out.filter((x) => x.kind === 'closed');
    expect(closed.map((x) => x.at.toISOString())).toEqual(['2026-03-01T11:00:00.000Z', '2026-03-04T09:00:00.000Z']);
    expect(new Set(closed.map((x) => x.key)).size).toBe(2);
  });

  it('adds no "closed" separator without a close rule', () => {
    const out = withDaySeparators([{ at: new Date('2026-03-01T10:00:00Z') }], (i) => i.at, riyadhDay);
    expect(out.some((x) => x.kind === 'closed')).toBe(false);
  });

  it('an empty log has no separator', () => {
    expect(withDaySeparators([], () => new Date(), riyadhDay)).toEqual([]);
  });
});

describe('dayLabelKind', () => {
  it('says today, yesterday, or the date', () => {
    expect(dayLabelKind('2026-03-03', '2026-03-03', '2026-03-02')).toBe('today');
    expect(dayLabelKind('2026-03-02', '2026-03-03', '2026-03-02')).toBe('yesterday');
    expect(dayLabelKind('2026-02-28', '2026-03-03', '2026-03-02')).toBe('date');
  });
});

describe('isCloseLine', () => {
  it('is the system line a close wrote, nothing else', () => {
    expect(isCloseLine({ direction: 'system', payload: { event: 'closed' } })).toBe(true);
    expect(isCloseLine({ direction: 'system', payload: { event: 'opened' } })).toBe(false);
    expect(isCloseLine({ direction: 'in', payload: { event: 'closed' } })).toBe(false);
    expect(isCloseLine({ direction: 'system', payload: null })).toBe(false);
  });
});
