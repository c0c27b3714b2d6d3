/**
 * npm run user:create -- --email lina@example.com --role admin [--name "Lina Haddad"] [--workspace <id|name>]
 *                        [--password-stdin]
 *
 * Creates a user for scripted installs, on DATABASE_URL or the embedded database (as the app does; migrations are
 * applied first). Without --workspace the only workspace is used; on a database with none, a first workspace is
 * created ("My workspace", or the --workspace name) with this user as its admin (the set-up page's codes are void
 * from then on). The password is read from stdin with --password-stdin, else from NAFIDHA_PASSWORD, never from the
 * command line (every user of the machine sees it in `ps`); with neither, a one-time link to choose it is printed.
 */
import { parseArgs } from 'node:util';
import { connect } from '../db/client';
import { bootDatabase, prepareDatabase } from '../server/boot';
import { env } from '../server/env';
import { isAppError } from '../server/errors';
import en from '../server/i18n/catalogs/en.json' with { type: 'json' };
import { createUserAccount, passwordFrom, ZCreateUserInput } from '../server/services/workspaces/create-user';
import { localAppUrl } from './lib/app-url';

const USAGE =
  'Usage: npm run user:create -- --email <email> --role <admin|supervisor|agent> [--name <name>] [--workspace <id|name>]\n' +
  '       [--password-stdin]   (or NAFIDHA_PASSWORD=…; without either, a one-time link to set the password is printed)';

/** The script's own refusals; field messages come from the forms' catalog, in English. */
const SCRIPT_MESSAGES: Record<string, string> = {
  ROLE_INVALID: '--role must be one of admin, supervisor, agent.',
  INVALID_INPUT: 'Some of the options are not valid.',
};

function fail(message: string, code = 1): never {
  console.error(`user:create: ${message}`);
  process.exit(code);
}

function readOptions() {
  // Refused by name, before anything else, and without echoing it: a password on the command line has leaked already.
  if (process.argv.some((arg) => arg === '--password' || arg.startsWith('--password='))) {
    fail('--password is not accepted (the command line is visible to every user in `ps`): pipe it with --password-stdin, or set NAFIDHA_PASSWORD.', 2);
  }
  try {
    const { values } = parseArgs({
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        workspace: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    return values;
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const values = readOptions();
const passwordStdin = values['password-stdin'] === true;
const parsed = ZCreateUserInput.safeParse({
  email: values.email,
  role: values.role,
  name: values.name,
  password: passwordFrom({ passwordStdin, stdin: passwordStdin ? await readStdin() : undefined, environment: process.env.NAFIDHA_PASSWORD }),
  workspace: values.workspace,
});
if (!parsed.success) {
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? '');
  const option = field === 'password' ? (passwordStdin ? 'password-stdin' : 'NAFIDHA_PASSWORD') : field;
  const text = SCRIPT_MESSAGES[issue.message] ?? (en.setup.errors as Record<string, string>)[issue.message] ?? SCRIPT_MESSAGES.INVALID_INPUT;
  fail(`${option ? `${option === 'NAFIDHA_PASSWORD' ? option : `--${option}`}: ` : ''}${text}\n${USAGE}`, 2);
}

const booted = await bootDatabase();
let exitCode = 0;
try {
  await prepareDatabase(booted.url, { seedDemo: false });
  const database = connect(booted.url, { max: 2 });
  try {
    const created = await createUserAccount(database.db, parsed.data);
    const where = created.createdWorkspace ? `the new workspace "${created.workspace.name}"` : `workspace "${created.workspace.name}"`;
    console.log(`Created ${parsed.data.role} ${created.user.email} in ${where} (${created.workspace.id}).`);
    if (created.resetToken) {
      const base = env().NEXTAUTH_URL ?? localAppUrl();
      console.log(`Set the password with this one-time link (valid 24 hours, shown only now):\n  ${new URL(`/reset-password/${created.resetToken}`, base).toString()}`);
    }
  } finally {
    await database.sql.end();
  }
} catch (error) {
  console.error(`user:create: ${isAppError(error) ? error.message : error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await booted.stop();
}
process.exit(exitCode);
