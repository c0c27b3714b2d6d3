/**
 * Search text normalisation. The SQL function nafidha_normalize() (db/migrations/0001_search.sql) applies exactly the
 * same character tables, so what a user types and what the trigram indexes hold always agree; a test runs both on a
 * shared table of cases. Both sides are locale-independent: only ASCII is case-folded by rule, every other letter
 * is folded through these explicit tables.
 */

/** Each pair maps every character of the first string to the single character in the second. */
export const FOLD_PAIRS: readonly (readonly [string, string])[] = [
  ['ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'],
  // Latin letters with accents, both cases.
  ['ÀÁÂÃÄÅàáâãäåĀāĂăĄą', 'aaaaaaaaaaaaaaaaaa'],
  ['ÇçĆćČč', 'cccccc'],
  ['ĎďĐđ', 'dddd'],
  ['ÈÉÊËèéêëĒēĖėĘęĚě', 'eeeeeeeeeeeeeeee'],
  ['ĞğĢģ', 'gggg'],
  ['ÌÍÎÏìíîïĪīĮįİı', 'iiiiiiiiiiiiii'],
  ['ĶķĹĺĻļĽľŁł', 'kkllllllll'],
  ['ÑñŃńŅņŇň', 'nnnnnnnn'],
  ['ÒÓÔÕÖØòóôõöøŌōŐő', 'oooooooooooooooo'],
  ['ŔŕŘř', 'rrrr'],
  ['ŚśŞşŠšȘș', 'ssssssss'],
  ['ŢţŤťȚț', 'tttttt'],
  ['ÙÚÛÜùúûüŪūŮůŰűŲų', 'uuuuuuuuuuuuuuuu'],
  ['ÝýÿŸ', 'yyyy'],
  ['ŹźŻżŽž', 'zzzzzz'],
  // Arabic letter variants: alef forms, ta marbuta, alef maqsura, hamza on waw and on ya.
  ['أإآٱ', 'اااا'],
  ['ة', 'ه'],
  ['ى', 'ي'],
  ['ؤ', 'و'],
  ['ئ', 'ي'],
  // Arabic-Indic and Persian digits.
  ['٠١٢٣٤٥٦٧٨٩', '0123456789'],
  ['۰۱۲۳۴۵۶۷۸۹', '0123456789'],
];

/** Removed entirely: Arabic diacritics (tashkeel, U+064B–U+065F), the superscript alef (U+0670) and tatweel (U+0640). */
export const REMOVED_CHARACTERS =
  String.fromCharCode(...Array.from({ length: 0x065f - 0x064b + 1 }, (_, i) => 0x064b + i)) + '\u0670\u0640';

const FOLD = new Map<string, string>();
for (const [from, to] of FOLD_PAIRS) {
  const source = [...from];
  const target = [...to];
  if (source.length !== target.length) throw new Error(`fold pair lengths differ: ${from}`);
  source.forEach((ch, i) => FOLD.set(ch, target[i]!));
}
for (const ch of REMOVED_CHARACTERS) FOLD.set(ch, '');

/** The TypeScript twin of SQL nafidha_normalize(): fold, drop diacritics, collapse whitespace, trim. */
export function normalizeSearchText(input: string): string {
  let out = '';
  for (const ch of input) out += FOLD.get(ch) ?? ch;
  return out.replace(/\s+/g, ' ').trim();
}

/** The two arguments of SQL translate() that implement FOLD_PAIRS and REMOVED_CHARACTERS (removals come last). */
export function sqlTranslateArguments(): { from: string; to: string } {
  return { from: FOLD_PAIRS.map(([f]) => f).join('') + REMOVED_CHARACTERS, to: FOLD_PAIRS.map(([, t]) => t).join('') };
}
