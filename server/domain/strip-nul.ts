/**
 * PostgreSQL cannot store U+0000 in text or jsonb. What the app is asked to store by its own users is refused at the
 * door (tRPC); what a provider delivers is kept, without those characters, since refusing it would only make the
 * provider deliver it again, forever.
 */
export function stripNul<T>(value: T): T {
  return hasNul(value, 0) ? strip(value, 0) : value;
}

// Plain objects and arrays only: a Date or a Buffer is not text.
const isPlain = (value: object) =>
  Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null;

/** A scan without allocations first: the webhook path calls this for every message, and almost none has a NUL. */
function hasNul(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object' || !isPlain(value)) return false;
  for (const key in value) {
    if (key.includes('\u0000') || hasNul((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

function strip<T>(value: T, depth: number): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '') as T;
  if (depth > 32 || value === null || typeof value !== 'object' || !isPlain(value)) return value;
  if (Array.isArray(value)) return value.map((item) => strip(item, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.replaceAll('\u0000', ''), strip(item, depth + 1)])) as T;
}
