/**
 * What a log line may say about a URL. Invite and reset links carry their token (a credential) in the path, and any
 * URL may carry one in its query (a callbackUrl back to such a link, a provider's code): a logged URL keeps only its
 * origin and path, with link tokens masked. `scrubLogFields` applies that to a whole log object; the logger runs it
 * on every line, so no caller has to remember.
 */

/** The pages whose last path segment is a link token (app/(auth)/invite, reset-password). */
const LINK_TOKEN_PATH = /\/(invite|reset-password)\/[^/?#\s"']+/g;
const MASK = '[token]';

/** Field names whose string values are URLs (or paths): the query string and fragment go. */
const URL_KEY = /(url|uri|href|path|referr?er|location|redirect|callback)$/i;

/** A URL or path as it may be logged: without query string or fragment, link tokens masked. */
export function urlForLog(value: string): string {
  const cut = value.search(/[?#]/);
  return maskLinkTokens(cut === -1 ? value : value.slice(0, cut));
}

/** Masks the token of any invite or reset link inside free text (an error message quoting a URL). */
export function maskLinkTokens(text: string): string {
  return text.replace(LINK_TOKEN_PATH, (_match, page: string) => `/${page}/${MASK}`);
}

/** Strips query strings from free text: anything from `?` to the next blank, after something that looks like a path. */
function stripQueriesInText(text: string): string {
  return maskLinkTokens(text.replace(/((?:https?:\/\/[^\s/?#]+)?\/[^\s?#]*)[?#][^\s"']*/g, '$1'));
}

const MAX_DEPTH = 6;

/**
 * A copy of a log object with every URL-named field passed through `urlForLog` and every other string's link
 * tokens and query strings removed. Errors become plain objects (name, message, stack, code) first, so their
 * messages are scrubbed too. The input is never changed: callers may log objects they still use.
 */
export function scrubLogFields<T>(value: T, key = '', depth = 0): T {
  if (typeof value === 'string') return (URL_KEY.test(key) ? urlForLog(value) : stripQueriesInText(value)) as T;
  if (value instanceof URL) return urlForLog(value.href) as T;
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  if (value instanceof Error) {
    const plain: Record<string, unknown> = { type: value.name, message: value.message, stack: value.stack };
    const code = (value as { code?: unknown }).code;
    if (code !== undefined) plain.code = code;
    if (value.cause !== undefined) plain.cause = value.cause;
    return scrubLogFields(plain, key, depth) as T;
  }
  if (Array.isArray(value)) return value.map((item) => scrubLogFields(item, key, depth + 1)) as T;
  if (value instanceof Date) return value;
  const copy: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value)) copy[field] = scrubLogFields(inner, field, depth + 1);
  return copy as T;
}
