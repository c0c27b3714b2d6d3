/**
 * The one rule for text well-formedness. PostgreSQL cannot store U+0000 in text or jsonb, and jsonb refuses a lone
 * UTF-16 surrogate (half of an emoji, "a\ud800b") as invalid JSON; a text column silently turns one into U+FFFD.
 *
 * - Text from providers and customers (webhooks, the simulator's customer, any channel adapter) is repaired on the
 *   way in: NUL removed, each lone surrogate replaced by U+FFFD, in bodies, captions, names and ids alike, and in
 *   the raw payload kept as jsonb. Refusing it would only make the provider deliver it again, forever.
 * - Text from our own users (every tRPC input) is refused with a translated 400 (MALFORMED_TEXT): they can fix it,
 *   and storing something other than what they typed would be a silent change.
 */

// A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: code units).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
// Any surrogate at all: a plain character class is several times cheaper than the lookarounds, and most text has none.
const ANY_SURROGATE = /[\ud800-\udfff]/;

/** True when the string can be stored as it is, in text and in jsonb. */
export const isWellFormedText = (text: string): boolean =>
  !text.includes('\u0000') && !(ANY_SURROGATE.test(text) && LONE_SURROGATE.test(text));

/**
 * The string, repaired per the rule above (the same string when there is nothing to repair). NULs go first, so the
 * halves of a pair a NUL separated are a pair again.
 */
export function wellFormedText(text: string): string {
  return isWellFormedText(text) ? text : text.replaceAll('\u0000', '').replace(LONE_SURROGATES, '\ufffd');
}

/**
 * At most `max` UTF-16 code units of `text`, never ending in half of a pair: where a cut would split an emoji, the
 * emoji goes whole. Every truncation of stored text uses it; a plain `slice` leaves a lone high surrogate, which a
 * text column turns into U+FFFD and a json or jsonb value refuses, failing the whole statement.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

// Plain objects and arrays only: a Date or a Buffer is not text.
const isPlain = (value: object) =>
  Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null;

/**
 * Whether any string in a JSON-like value (keys included) breaks the rule, at any depth. Iterative, so a deeply
 * nested payload cannot overflow the stack; a scan without allocations, since almost every message is clean.
 */
export function hasMalformedText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (!isWellFormedText(item)) return true;
    } else if (item !== null && typeof item === 'object' && isPlain(item)) {
      for (const key in item) {
        if (!isWellFormedText(key)) return true;
        stack.push((item as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

/** A JSON-like value with every string in it (keys included) repaired; the value itself when nothing needs it. */
export function wellFormed<T>(value: T): T {
  return hasMalformedText(value) ? (repair(value) as T) : value;
}

function repair(value: unknown): unknown {
  if (typeof value === 'string') return wellFormedText(value);
  if (value === null || typeof value !== 'object' || !isPlain(value)) return value;
  // Built top-down with an explicit stack, so depth costs heap, not stack.
  const root: unknown = Array.isArray(value) ? [] : {};
  const work: [source: object, target: Record<string, unknown>][] = [[value, root as Record<string, unknown>]];
  while (work.length > 0) {
    const [source, target] = work.pop()!;
    for (const key in source) {
      const item = (source as Record<string, unknown>)[key];
      let copy: unknown = item;
      if (typeof item === 'string') copy = wellFormedText(item);
      else if (item !== null && typeof item === 'object' && isPlain(item)) {
        copy = Array.isArray(item) ? [] : {};
        work.push([item, copy as Record<string, unknown>]);
      }
      // defineProperty: a key "__proto__" (valid JSON) must stay a key, not replace the prototype.
      Object.defineProperty(target, Array.isArray(source) ? key : wellFormedText(key), {
        value: copy,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return root;
}
