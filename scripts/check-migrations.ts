/**
 * Fails when db/schema and the committed migrations disagree: drizzle-kit generates against a copy of the
 * migrations folder, and anything but "no schema changes" means someone changed the schema without generating
 * (and committing) a migration.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';

// drizzle-kit only accepts an output folder relative to the project.
const scratch = 'node_modules/.cache/nafidha-migration-check';
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
try {
  cpSync('db/migrations', scratch, { recursive: true });
  const before = new Set(readdirSync(scratch));
  const output = execFileSync(
    'npx',
    ['drizzle-kit', 'generate', '--dialect', 'postgresql', '--schema', './db/schema/index.ts', '--out', scratch, '--name', 'drift'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const added = readdirSync(scratch).filter((file) => !before.has(file));
  if (added.length > 0 || !/No schema changes/i.test(output)) {
    console.error('Schema and committed migrations disagree.');
    if (added.length > 0) console.error(`drizzle-kit would generate: ${added.join(', ')}`);
    else console.error(output);
    console.error('Run `npm run db:generate` and commit the new migration.');
    process.exit(1);
  }
  console.log('Migrations match the schema.');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
