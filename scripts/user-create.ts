/**
 * npm run user:create -- --email lina@example.com --role admin [--name "Lina Haddad"] [--password …]
 *                        [--workspace <id|name> | --workspace-name "Acme Support"]
 *
 * Creates a user for scripted installs, on DATABASE_URL or the embedded database (as the app does; migrations are
 * applied first). Without --password one is generated and printed once. Without --workspace the only workspace is
 * used; on a database with none, --workspace-name creates the first one with this user as its admin (the set-up
 * page's codes are void from then on).
 */
import { parseArgs } from 'node:util';
import { connect } from '../db/client';
import { bootDatabase, prepareDatabase } from '../server/boot';
import { isAppError } from '../server/errors';
import en from '../server/i18n/catalogs/en.json' with { type: 'json' };
import { createUserAccount, ZCreateUserInput } from '../server/services/workspaces/create-user';

const USAGE =
  'Usage: npm run user:create -- --email <email> --role <admin|supervisor|agent> [--name <name>] [--password <password>]\n' +
  '       [--workspace <id|name> | --workspace-name <name of the first workspace>]';

/** The script's own refusals; field messages come from the forms' catalog, in English. */
const SCRIPT_MESSAGES: Record<string, string> = {
  ROLE_INVALID: '--role must be one of admin, supervisor, agent.',
  WORKSPACE_BOTH: 'Give either --workspace or --workspace-name, not both.',
  FIRST_USER_ADMIN: 'The first user of a new workspace must be an admin (--role admin).',
  INVALID_INPUT: 'Some of the options are not valid.',
};

function fail(message: string, code = 1): never {
  console.error(`user:create: ${message}`);
  process.exit(code);
}

function readOptions() {
  try {
    const { values } = parseArgs({
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        workspace: { type: 'string' },
        'workspace-name': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    return values;
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`, 2);
  }
}

const values = readOptions();
const parsed = ZCreateUserInput.safeParse({
  email: values.email,
  role: values.role,
  name: values.name,
  password: values.password,
  workspace: values.workspace,
  workspaceName: values['workspace-name'],
});
if (!parsed.success) {
  const issue = parsed.error.issues[0]!;
  const option = issue.path[0] === 'workspaceName' ? 'workspace-name' : String(issue.path[0] ?? '');
  const text =
    SCRIPT_MESSAGES[issue.message] ?? (en.setup.errors as Record<string, string>)[issue.message] ?? SCRIPT_MESSAGES.INVALID_INPUT;
  fail(`${option ? `--${option}: ` : ''}${text}\n${USAGE}`, 2);
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
    if (created.generatedPassword) console.log(`Password (shown only this once): ${created.generatedPassword}`);
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
