/**
 * @mentions in internal notes. The composer shows "@Name" while typing and sends each chosen teammate as a stable
 * token, `<@user-uuid>`, so the server reads who was mentioned from the text itself (never from a list the browser
 * sends alongside) and checks every id against the workspace's members; the note stores the token text and the
 * mentioned users (id and name as of the note) in its payload, from which every reader renders "@Name".
 */

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** A fresh RegExp each call: a shared /g one carries lastIndex between callers. */
const tokenPattern = () => new RegExp(`<@(${UUID})>`, 'gi');

/** At most this many people are notified by one note: more reads as a broadcast, not a mention. */
export const MENTIONS_MAX = 20;

export const mentionToken = (userId: string) => `<@${userId.toLowerCase()}>`;

/** The distinct user ids a note's text mentions, in the order they first appear (lower-cased, as UUIDs compare). */
export function parseMentionIds(text: string): string[] {
  const ids: string[] = [];
  for (const match of text.matchAll(tokenPattern())) {
    const id = match[1]!.toLowerCase();
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

export type TMentionedUser = { id: string; name: string };
export type TNoteSegment = { text: string } | { mention: TMentionedUser | null; id: string };

/**
 * A note's text cut into plain runs and mentions, for rendering. A token whose user the note did not record (it
 * cannot happen through the server, which refuses unknown ids, but stored text is data) is a mention of nobody.
 */
export function splitMentions(text: string, mentioned: readonly TMentionedUser[]): TNoteSegment[] {
  const segments: TNoteSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(tokenPattern())) {
    if (match.index > last) segments.push({ text: text.slice(last, match.index) });
    const id = match[1]!.toLowerCase();
    segments.push({ id, mention: mentioned.find((user) => user.id === id) ?? null });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

/** The note's text as people read it: each token as "@Name" (a list preview, a notification's body). */
export function mentionsAsNames(text: string, mentioned: readonly TMentionedUser[]): string {
  return splitMentions(text, mentioned)
    .map((segment) => ('text' in segment ? segment.text : `@${segment.mention?.name ?? '…'}`))
    .join('');
}

/**
 * What the person is typing after an "@" right before the caret, when it starts a word (at the start or after a
 * space or line break): the listbox of teammates filters on it. Null when the caret is not in a mention.
 */
export function activeMention(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  if (at > 0 && !/\s/.test(before[at - 1]!)) return null;
  const query = before.slice(at + 1);
  // A mention is one name of at most a few words; a line break or a long run ends it.
  if (query.includes('\n') || query.length > 40) return null;
  return { start: at, query };
}

/**
 * Turns the composer's visible text into the text sent: every "@Name" of a teammate chosen from the listbox becomes
 * their token, when it stands as a whole name (followed by the end, a space or punctuation, not more letters).
 * Longer names first, so "@Sara Ali" is not taken as "@Sara" followed by " Ali".
 */
export function encodeMentions(text: string, chosen: readonly TMentionedUser[]): string {
  const byLength = [...chosen].sort((a, b) => b.name.length - a.name.length);
  let out = text;
  for (const user of byLength) {
    const visible = `@${user.name}`;
    let from = 0;
    for (;;) {
      const index = out.indexOf(visible, from);
      if (index < 0) break;
      const next = out[index + visible.length];
      const wholeName = next === undefined || !/[\p{L}\p{N}_]/u.test(next);
      const startsWord = index === 0 || /\s/.test(out[index - 1]!);
      if (wholeName && startsWord) {
        const token = mentionToken(user.id);
        out = out.slice(0, index) + token + out.slice(index + visible.length);
        from = index + token.length;
      } else {
        from = index + visible.length;
      }
    }
  }
  return out;
}

/** Teammates whose name contains the query, case- and accent-insensitively, those starting with it first. */
export function matchTeammates<T extends { name: string }>(people: readonly T[], query: string, normalize: (s: string) => string): T[] {
  const q = normalize(query.trim());
  if (!q) return [...people];
  const starts: T[] = [];
  const contains: T[] = [];
  for (const person of people) {
    const name = normalize(person.name);
    if (name.startsWith(q) || name.split(' ').some((word) => word.startsWith(q))) starts.push(person);
    else if (name.includes(q)) contains.push(person);
  }
  return [...starts, ...contains];
}
