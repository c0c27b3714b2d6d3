import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { serializeAnswer } from './wire';

/** What the browser gets: the answer written by tRPC (JSON.stringify) and read back by superjson. */
const received = (serialized: unknown) => superjson.deserialize(JSON.parse(JSON.stringify(serialized)));
const wire = (serialized: unknown) => JSON.stringify(serialized);

const at = (iso: string) => new Date(iso);

describe('serializeAnswer writes superjson’s format, faster, for what procedures return', () => {
  const shapes: [string, unknown][] = [
    ['null', null],
    ['a string', 'سلام'],
    ['a number', 42.5],
    ['a boolean', false],
    ['an empty object', {}],
    ['an empty array', []],
    ['an array of primitives', [1, 'two', true, null]],
    ['an inbox page', {
      items: [
        { id: 'a', lastMessageAt: at('2026-12-03T11:44:14.878Z'), windowClosesAt: at('2026-12-04T11:44:13.378Z'), tagClosesAt: null, unreadCount: 1 },
        { id: 'b', lastMessageAt: at('2026-12-01T00:00:00.000Z'), windowClosesAt: null, tagClosesAt: at('2026-12-08T00:00:00.000Z'), unreadCount: 0 },
      ],
      nextCursor: 'abc',
      asOf: at('2026-12-03T12:00:00.000Z'),
    }],
    ['keys with dots and backslashes', { 'a.b': at('2026-01-01T00:00:00.000Z'), 'c\\d': { 'e.f\\g': at('2026-01-02T00:00:00.000Z') } }],
    ['Dates in nested arrays', { rows: [[at('2026-01-01T00:00:00.000Z')], [], [null, at('2026-01-03T00:00:00.000Z')]] }],
    ['a root array of objects', [{ at: at('2026-05-05T05:05:05.005Z') }, { at: null }]],
    ['a null-prototype object', Object.assign(Object.create(null) as object, { at: at('2026-01-01T00:00:00.000Z'), n: 1 })],
    ['the epoch and far dates', { a: new Date(0), b: at('9999-12-31T23:59:59.999Z'), c: at('1900-01-01T00:00:00.000Z') }],
  ];

  it.each(shapes)('%s: the same bytes as superjson', (_label, value) => {
    expect(wire(serializeAnswer(value))).toBe(wire(superjson.serialize(value)));
  });

  it('undefined in an object and in an array reads back as undefined, as with superjson', () => {
    const value = { a: undefined, b: [1, undefined, 3], c: { d: undefined, e: 'x' } };
    expect(received(serializeAnswer(value))).toStrictEqual(received(superjson.serialize(value)));
    expect(received(serializeAnswer(value))).toStrictEqual(value);
  });

  it('the same object at two paths reads back equal (superjson would also share it; nobody can tell)', () => {
    const shared = { at: at('2026-01-01T00:00:00.000Z') };
    const value = { first: shared, second: shared };
    expect(received(serializeAnswer(value))).toStrictEqual(value);
  });

  it('random trees of the supported kinds read back exactly as superjson’s', () => {
    let seed = 18;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const leaf = (): unknown =>
      [null, undefined, 'text.with.dots', '', 0, -12.5, 1e21, true, new Date(Math.floor(random() * 4e12))][Math.floor(random() * 9)];
    const tree = (depth: number): unknown => {
      const pick = random();
      if (depth > 4 || pick < 0.4) return leaf();
      if (pick < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => tree(depth + 1));
      const keys = ['a', 'b.c', 'd\\e', 'items', '0', 'x y'];
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, (_, i) => [keys[(i + Math.floor(random() * 6)) % 6]!, tree(depth + 1)]));
    };
    for (let i = 0; i < 500; i++) {
      const value = tree(0);
      expect(received(serializeAnswer(value))).toStrictEqual(received(superjson.serialize(value)));
    }
  });

  const handedOver: [string, unknown][] = [
    ['a root Date', at('2026-01-01T00:00:00.000Z')],
    ['a root undefined', undefined],
    ['a Map', { m: new Map([['k', 1]]) }],
    ['a Set', { s: new Set([1, 2]) }],
    ['a BigInt', { n: BigInt(10) }],
    ['NaN', { n: Number.NaN }],
    ['Infinity', { n: [Number.POSITIVE_INFINITY] }],
    ['minus zero', { n: -0 }],
    ['an invalid Date', { at: new Date(Number.NaN) }],
    ['a RegExp', { r: /x/g }],
    ['an Error', { e: new Error('boom') }],
    ['a class instance', { u: new URL('https://example.com/') }],
    ['an object with its own toJSON', { o: { toJSON: () => 'x' } }],
    ['a symbol key', { o: { [Symbol('s')]: 1, a: 1 } }],
  ];

  it.each(handedOver)('%s: handed to superjson whole, so the answer is superjson’s own', (_label, value) => {
    expect(serializeAnswer(value)).toStrictEqual(superjson.serialize(value));
  });

  it.each([
    ['a __proto__ key', JSON.parse('{"x":{"__proto__":{"polluted":true}}}') as unknown],
    ['a constructor key', { constructor: 'x' }],
  ])('%s: refused as superjson refuses it (a prototype-pollution risk)', (_label, value) => {
    expect(() => superjson.serialize(value)).toThrow(/prototype pollution/);
    expect(() => serializeAnswer(value)).toThrow(/prototype pollution/);
  });

  it('a tree deeper than 64 levels is handed to superjson too', () => {
    let deep: unknown = { at: at('2026-01-01T00:00:00.000Z') };
    for (let i = 0; i < 80; i++) deep = { next: deep };
    expect(received(serializeAnswer(deep))).toStrictEqual(received(superjson.serialize(deep)));
  });
});
