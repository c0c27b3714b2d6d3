/**
 * The broadest search terms of the bench dataset, derived from the generator's own word banks (./words.ts): contacts
 * pick a first and a last name uniformly from their language's list, so a term's share of contacts is the share of
 * list entries that contain it once normalised. A first name, and the family-name fragment of two to five letters
 * found in the most names, in Latin and in Arabic; and the message words most templates carry.
 */
import { normalizeSearchText } from '@/server/domain/search-normalize';
import { AR_FIRST, AR_IN, AR_LAST, AR_OUT, EN_FIRST, EN_IN, EN_LAST, EN_OUT } from './words';

export type TBroadTerm = { label: string; term: string; share: number };

/** Share of the list's entries whose normalised text contains `term`. */
export function shareOf(list: readonly string[], term: string): number {
  return list.filter((entry) => normalizeSearchText(entry).includes(term)).length / list.length;
}

/** The substring of `min`–`max` letters found in the most entries (ties: the longer, then the first found). */
export function broadestFragment(list: readonly string[], min: number, max: number): { term: string; share: number } {
  let best = { term: '', share: 0 };
  for (const entry of list) {
    const text = normalizeSearchText(entry);
    for (let length = max; length >= min; length--) {
      for (let i = 0; i + length <= text.length; i++) {
        const term = text.slice(i, i + length);
        if (/\s/.test(term)) continue;
        const share = shareOf(list, term);
        if (share > best.share || (share === best.share && term.length > best.term.length)) best = { term, share };
      }
    }
  }
  return best;
}

/** The most frequent whole first name (normalised) of at most five letters. */
function commonestFirstName(list: readonly string[]): { term: string; share: number } {
  const names = [...new Set(list.map(normalizeSearchText))].filter((n) => n.length <= 5);
  return names.map((term) => ({ term, share: shareOf(list, term) })).sort((a, b) => b.share - a.share)[0]!;
}

export function broadNameTerms(): TBroadTerm[] {
  const arFirst = commonestFirstName(AR_FIRST);
  const enFirst = commonestFirstName(EN_FIRST);
  // Fragments of three to five letters (what people type), and the two-letter one Arabic family names share (ال).
  const arFamily = broadestFragment(AR_LAST.map((n) => n.replace(/^ال/, '')), 3, 5);
  const enFamily = broadestFragment(EN_LAST, 3, 5);
  const arTwo = broadestFragment(AR_LAST, 2, 2);
  return [
    { label: 'Arabic first name', ...arFirst },
    { label: 'Latin first name', ...enFirst },
    { label: 'Arabic family-name fragment', ...arFamily },
    { label: 'Latin family-name fragment', ...enFamily },
    { label: 'Arabic two letters', ...arTwo },
    { label: 'Latin family name', term: 'smith', share: shareOf(EN_LAST, 'smith') },
  ];
}

/** The most common words of message text, as a customer or an agent writes them, by share of templates. */
export function commonMessageWords(): TBroadTerm[] {
  const ar = [...AR_IN, ...AR_OUT];
  const en = [...EN_IN, ...EN_OUT];
  return [
    { label: 'common Latin word', term: 'order', share: shareOf(en, 'order') },
    { label: 'common Latin word', term: 'thanks', share: shareOf(en, 'thanks') },
    { label: 'common Arabic word', term: 'طلب', share: shareOf(ar, 'طلب') },
  ];
}
