import { z } from 'zod';
import { TEXT_MAX } from './limits';
import { normalizeSearchText } from './search-normalize';

/**
 * Saved replies (canned responses): a shortcut an agent types after "/", a body with variables, and the language it
 * is written in (or any). Pure, so the settings form, the composer and the server check and fill them the same way.
 *
 * The one variable syntax: `{{contact.first_name}}`, or with a fallback used when the value is empty,
 * `{{contact.first_name | there}}`. Spaces inside the braces are ignored; the fallback is plain text without braces,
 * `|` or a line break. Anything else between `{{` and `}}`, and a brace pair left open, is refused at save.
 */

export const SAVED_REPLY_VARIABLES = ['contact.first_name', 'contact.name', 'agent.first_name', 'agent.name'] as const;
export type TSavedReplyVariable = (typeof SAVED_REPLY_VARIABLES)[number];

export const SAVED_REPLY_LANGUAGES = ['en', 'ar'] as const;
export type TSavedReplyLanguage = (typeof SAVED_REPLY_LANGUAGES)[number];

export const SAVED_REPLY_SHORTCUT_MAX = 32;
export const SAVED_REPLY_FALLBACK_MAX = 60;
export const SAVED_REPLY_BODY_MAX = TEXT_MAX;

/** `{{ … }}` with no brace inside: each is a variable, well formed or not. */
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const VARIABLE_NAME = /^[a-z_]+(\.[a-z_]+)*$/;

export type TSavedReplyProblem =
  | { code: 'unknownVariable'; variable: string }
  | { code: 'malformedVariable'; text: string }
  | { code: 'fallbackTooLong'; variable: string };

type TPlaceholder = { whole: string; name: string; fallback: string | null };

function parsePlaceholder(whole: string, inner: string): TPlaceholder | null {
  const bar = inner.indexOf('|');
  const name = (bar < 0 ? inner : inner.slice(0, bar)).trim();
  const fallback = bar < 0 ? null : inner.slice(bar + 1).trim();
  if (!VARIABLE_NAME.test(name)) return null;
  if (fallback !== null && (fallback.includes('|') || /[\r\n]/.test(fallback))) return null;
  return { whole, name, fallback: fallback || null };
}

const isKnown = (name: string): name is TSavedReplyVariable => (SAVED_REPLY_VARIABLES as readonly string[]).includes(name);

/** Every problem of a body, in order: unknown variables (by name), malformed placeholders, stray braces. */
export function savedReplyProblems(body: string): TSavedReplyProblem[] {
  const problems: TSavedReplyProblem[] = [];
  for (const match of body.matchAll(PLACEHOLDER)) {
    const placeholder = parsePlaceholder(match[0], match[1]!);
    if (!placeholder) problems.push({ code: 'malformedVariable', text: match[0] });
    else if (!isKnown(placeholder.name)) problems.push({ code: 'unknownVariable', variable: placeholder.name });
    else if ((placeholder.fallback?.length ?? 0) > SAVED_REPLY_FALLBACK_MAX)
      problems.push({ code: 'fallbackTooLong', variable: placeholder.name });
  }
  // What is left once every `{{…}}` is taken out must hold no `{{` or `}}`: a variable left open is a typo.
  const rest = body.replace(PLACEHOLDER, '');
  const stray = /\{\{|\}\}/.exec(rest);
  if (stray) problems.push({ code: 'malformedVariable', text: rest.slice(stray.index, stray.index + 24).trim() });
  return problems;
}

/** What the variables are filled from: the conversation's contact and the agent writing. */
export type TSavedReplyContext = {
  contact: { firstName: string | null; lastName: string | null };
  agent: { name: string | null };
};

const firstWord = (text: string | null) => text?.trim().split(/\s+/)[0] ?? '';

function valueOf(variable: TSavedReplyVariable, context: TSavedReplyContext): string {
  switch (variable) {
    case 'contact.first_name':
      return context.contact.firstName?.trim() || firstWord(context.contact.lastName);
    case 'contact.name':
      return [context.contact.firstName, context.contact.lastName].map((p) => p?.trim()).filter(Boolean).join(' ');
    case 'agent.first_name':
      return firstWord(context.agent.name);
    case 'agent.name':
      return context.agent.name?.trim() ?? '';
  }
}

/**
 * The text the agent gets in the composer: each variable replaced by its value, or its fallback when the value is
 * empty, or nothing. `missing` lists the variables that had neither (the composer says so). A placeholder that is
 * not a known variable (only possible in a reply saved before a rule changed) is left as written.
 */
export function renderSavedReply(body: string, context: TSavedReplyContext): { text: string; missing: TSavedReplyVariable[] } {
  const missing: TSavedReplyVariable[] = [];
  const text = body.replace(PLACEHOLDER, (whole, inner: string) => {
    const placeholder = parsePlaceholder(whole, inner);
    if (!placeholder || !isKnown(placeholder.name)) return whole;
    const value = valueOf(placeholder.name, context);
    if (value) return value;
    if (placeholder.fallback) return placeholder.fallback;
    if (!missing.includes(placeholder.name)) missing.push(placeholder.name);
    return '';
  });
  return { text, missing };
}

/** A shortcut: letters (any script), digits, `_` and `-`, typed after "/"; compared without case. */
export const ZSavedReplyShortcut = z
  .string()
  .trim()
  .min(1, 'shortcutRequired')
  .max(SAVED_REPLY_SHORTCUT_MAX, 'shortcutTooLong')
  .regex(/^[\p{L}\p{N}_-]+$/u, 'shortcutInvalid');

export const ZSavedReplyBody = z
  .string()
  .trim()
  .min(1, 'bodyRequired')
  .max(SAVED_REPLY_BODY_MAX, 'bodyTooLong')
  .superRefine((body, ctx) => {
    const [first] = savedReplyProblems(body);
    if (first) ctx.addIssue({ code: 'custom', message: first.code, params: first });
  });

/** null: any language (offered whatever the interface's language). */
export const ZSavedReplyLanguage = z.enum(SAVED_REPLY_LANGUAGES).nullable();

export type TSavedReplyLike = { shortcut: string; body: string; language: TSavedReplyLanguage | null };

/**
 * The replies the composer lists for what was typed after "/" (or in the list's search): matched with the inbox
 * search's folding (Arabic letter variants, diacritics, digits, case), shortcut prefixes first, then shortcut
 * matches, then body matches; within each, replies in the interface's language (or any) before the others.
 */
export function matchSavedReplies<T extends TSavedReplyLike>(replies: readonly T[], query: string, locale: string): T[] {
  const needle = normalizeSearchText(query);
  const rank = (reply: T): number | null => {
    const shortcut = normalizeSearchText(reply.shortcut);
    const match = !needle ? 0 : shortcut.startsWith(needle) ? 0 : shortcut.includes(needle) ? 1 : normalizeSearchText(reply.body).includes(needle) ? 2 : null;
    if (match === null) return null;
    return match * 2 + (reply.language === null || reply.language === locale ? 0 : 1);
  };
  return replies
    .map((reply, index) => ({ reply, index, rank: rank(reply) }))
    .filter((r): r is { reply: T; index: number; rank: number } => r.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.reply.shortcut.localeCompare(b.reply.shortcut) || a.index - b.index)
    .map((r) => r.reply);
}

/** "/gree" at the very start of the composer (nothing before it, no space yet): the query the list opens with. */
export function slashQuery(text: string): string | null {
  const match = /^\/([^\s/]*)$/u.exec(text);
  return match ? match[1]! : null;
}
