/**
 * The file-size rule: a source file over MAX_LINES lines is usually several use cases in one, and is split by use
 * case; one that is better whole says why in its first lines (`// size: <why>`), so the exception is a decision a
 * reader can see, not an accident.
 */
export const MAX_LINES = 300;

/** How many of a file's first lines may carry the reason (after a shebang or a directive such as 'use client'). */
const REASON_WITHIN = 5;
const REASON = /^\s*\/\/\s*size:\s*\S/;

export function lineCount(text: string): number {
  if (text === '') return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

export function statedReason(text: string): boolean {
  return text.split('\n', REASON_WITHIN).some((line) => REASON.test(line));
}

/** Which source files a check covers: TypeScript in the app's folders, never generated migrations or snapshots. */
export const ROOTS = ['app', 'components', 'server', 'db', 'scripts', 'e2e'];
export function isChecked(path: string): boolean {
  if (!/\.(ts|tsx)$/.test(path) || path.endsWith('.d.ts')) return false;
  if (!ROOTS.some((root) => path.startsWith(`${root}/`))) return false;
  return !/(^|\/)(node_modules|migrations|__snapshots__)\//.test(path);
}

export type TOversized = { path: string; lines: number };

export function oversized(files: { path: string; text: string }[]): TOversized[] {
  return files
    .filter((file) => isChecked(file.path))
    .map((file) => ({ path: file.path, lines: lineCount(file.text), reason: statedReason(file.text) }))
    .filter((file) => file.lines > MAX_LINES && !file.reason)
    .map(({ path, lines }) => ({ path, lines }));
}
