/**
 * Fails when a source file is over scripts/lib/file-size.ts's limit without a stated reason; lists each one. Run by
 * scripts/test.sh.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MAX_LINES, oversized, ROOTS } from './lib/file-size';

const root = path.resolve(import.meta.dirname, '..');

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) yield* walk(relative);
    } else yield relative;
  }
}

const files = ROOTS.flatMap((dir) => [...walk(dir)]).map((file) => ({ path: file, text: readFileSync(path.join(root, file), 'utf8') }));
const over = oversized(files);
for (const file of over)
  console.error(
    `${file.path}: ${file.lines} lines (over ${MAX_LINES}; split it by use case, or say why not in a first-lines "// size: <why>")`,
  );
if (over.length > 0) process.exit(1);
console.log(`file sizes: ${files.length} files, none over ${MAX_LINES} lines without a stated reason`);
