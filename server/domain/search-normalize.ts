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

/** The steps of SQL nafidha_normalize() after ASCII case: each a translate() guarded by a test for its characters. */
export function sqlFoldSteps(): { label: string; from: string; to: string }[] {
  const group = (label: string, test: RegExp) => {
    const pairs = FOLD_PAIRS.filter(([from]) => test.test(from));
    return { label, from: pairs.map(([f]) => f).join(''), to: pairs.map(([, t]) => t).join('') };
  };
  return [
    group('Arabic letter variants', /^[\u0621-\u064A\u0671]+$/),
    { label: 'Arabic diacritics and tatweel', from: REMOVED_CHARACTERS, to: '' },
    group('Arabic-Indic and Persian digits', /^[\u0660-\u0669\u06F0-\u06F9]+$/),
    group('Latin letters with accents', /^[\u00C0-\u024F]+$/),
  ];
}

/**
 * SQL nafidha_normalize() built from the same tables (migration 0005 holds this text; a unit test keeps them equal).
 * One translate() over every table scans the whole table for each character (about 60 µs a message); ASCII case by
 * lower() under the C collation (ASCII only, so locale-independent) and small translates that run only when their
 * characters occur cost about 8 µs, and give exactly the same text. Whitespace is collapsed only when there is
 * something to collapse.
 */
export function sqlNormalizeFunction(): string {
  const steps = sqlFoldSteps()
    .map(({ label, from, to }) => `  -- ${label}\n  IF s ~ '[${from}]' THEN s := translate(s, '${from}', '${to}'); END IF;`)
    .join('\n');
  return `CREATE OR REPLACE FUNCTION nafidha_normalize(input text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
  AS $fn$
DECLARE
  s text := lower(input COLLATE "C");
BEGIN
${steps}
  IF s ~ '[^\\S ]|  |^ | $' THEN s := btrim(regexp_replace(s, '\\s+', ' ', 'g')); END IF;
  RETURN s;
END
$fn$;`;
}
