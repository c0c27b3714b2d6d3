/**
 * npx tsx scripts/generate-icons.ts — writes public/'s icons from the brand mark (scripts/lib/brand-icon.ts): the
 * favicon, the web app manifest's icons (any and maskable) and Apple's touch icon. Run again after changing the mark;
 * the files are committed.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { brandIcon } from './lib/brand-icon';
import { encodeIco, encodePng } from './lib/png';

const out = (name: string) => path.resolve('public', name);
const png = (size: number, fullBleed = false) => encodePng(brandIcon(size, { fullBleed }));

writeFileSync(out('icon-192.png'), png(192));
writeFileSync(out('icon-512.png'), png(512));
writeFileSync(out('icon-maskable-512.png'), png(512, true));
writeFileSync(out('apple-touch-icon.png'), png(180, true));
writeFileSync(out('favicon.ico'), encodeIco([16, 32, 48].map((size) => ({ size, png: png(size) }))));
console.log('Icons written to public/.');
