import superjson from 'superjson';
import type { SuperJSONResult } from 'superjson';

/**
 * What tRPC answers are written as: superjson's format, so the browser decodes them with superjson as ever, but
 * written faster for what our procedures return (plain objects, arrays, strings, finite numbers, booleans, null,
 * undefined and valid Dates). superjson's generic walker spent as long on an inbox page's 50 rows as PostgreSQL took
 * to find them (npm run bench:overhead); this one only notes where the Dates and undefineds are, and leaves the
 * Dates for JSON.stringify to write (as toISOString, which is what superjson writes). Anything else (Map, Set, BigInt,
 * a class instance, NaN, -0, an invalid Date, a key superjson treats specially) goes to superjson itself, whole.
 * Identity (the same object at two paths) is not recorded: the browser gets equal copies, which it cannot tell apart.
 * Two more differences nobody reads: a property that is undefined comes back last among its object's keys (JSON
 * drops it and the decoder adds it back), and an array's hole comes back undefined where superjson writes null.
 */
export function serializeAnswer(value: unknown): SuperJSONResult {
  const marks: TMarks = { values: {}, count: 0 };
  if (value === undefined || value instanceof Date || !walk(value, [], marks, 0)) return superjson.serialize(value);
  // The JSON part may hold Date objects and undefineds: JSON.stringify writes them as superjson's json would read
  // back (an ISO string; a dropped key or null), and the marks tell the decoder what they were.
  const result = { json: value } as SuperJSONResult;
  if (marks.count > 0) result.meta = { values: marks.values, v: 1 } as SuperJSONResult['meta'];
  return result;
}

type TMarks = { values: Record<string, ['Date'] | ['undefined']>; count: number };

export const answerTransformer = {
  input: superjson,
  output: { serialize: serializeAnswer, deserialize: (value: SuperJSONResult) => superjson.deserialize(value) },
};

const MAX_DEPTH = 64;
// Keys superjson's paths refuse to walk: such an answer is left to superjson, as if this walker did not exist.
const GUARDED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** True when the value is all of the supported kinds; marks every Date and undefined at its superjson path. */
function walk(value: unknown, path: string[], marks: TMarks, depth: number): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (value === undefined) {
    mark(marks, path, 'undefined');
    return true;
  }
  if (typeof value !== 'object' || depth > MAX_DEPTH) return false;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()) || value.toJSON !== Date.prototype.toJSON) return false;
    mark(marks, path, 'Date');
    return true;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(String(i));
      const ok = walk(value[i], path, marks, depth + 1);
      path.pop();
      if (!ok) return false;
    }
    return true;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  for (const key of Object.keys(value)) {
    if (GUARDED_KEYS.has(key)) return false;
    path.push(key);
    const ok = walk((value as Record<string, unknown>)[key], path, marks, depth + 1);
    path.pop();
    if (!ok) return false;
  }
  // Symbol keys and a toJSON of its own would change what JSON.stringify writes.
  return Object.getOwnPropertySymbols(value).length === 0 && !('toJSON' in value);
}

function mark(marks: TMarks, path: string[], kind: 'Date' | 'undefined') {
  marks.values[pathOf(path)] = [kind];
  marks.count++;
}

/** superjson's path: segments joined by ".", with "\" and "." in a key escaped. */
function pathOf(path: string[]): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const escaped = segment.includes('.') || segment.includes('\\') ? segment.replace(/\\/g, '\\\\').replace(/\./g, '\\.') : segment;
    out = i === 0 ? escaped : `${out}.${escaped}`;
  }
  return out;
}
