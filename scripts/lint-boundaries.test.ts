import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer rules of eslint.config.mjs, run on snippets at made-up paths: each rule must fail on a violation (a rule
 * whose pattern never matches would pass CI while proving nothing) and let the layer's legitimate imports through.
 */
const root = path.resolve(import.meta.dirname, '..');
let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.mjs') });
  // The first lint loads the config and its plugins (seconds on a busy machine): here, not inside the first test.
  await eslint.lintText('export {};\n', { filePath: path.join(root, 'server/domain/warm-up.ts') });
}, 60_000);

const RULE = '@typescript-eslint/no-restricted-imports';

/** The boundary errors ESLint reports for `code` as if it were the file at `filePath`. */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

const uses = (names: string) => `\nexport const used = [${names}];\n`;

describe('layer boundaries', () => {
  it.each([
    ['a service', "import { listConversations } from '@/server/services/conversations/list';" + uses('listConversations')],
    ['the database', "import { db } from '@/db/client';" + uses('db')],
    ['a package other than zod', "import { sql } from 'drizzle-orm';" + uses('sql')],
    [
      'a type from a service',
      "import type { TWorkspaceContext } from '@/server/services/workspaces/context';\nexport type T = TWorkspaceContext;\n",
    ],
  ])('server/domain may not import %s', async (_what, code) => {
    expect(await boundaryErrors('server/domain/example.ts', code)).toEqual([expect.stringContaining('server/domain')]);
  });

  it('server/domain imports the domain and zod', async () => {
    const code =
      "import { z } from 'zod';\nimport { hasWindow } from '@/server/domain/window';\nimport { ROLES } from './permissions';" +
      uses('z, hasWindow, ROLES');
    expect(await boundaryErrors('server/domain/example.ts', code)).toEqual([]);
  });

  it.each([
    ['realtime', "import { notify } from '@/server/realtime/notify';" + uses('notify')],
    ['a service', "import { hashPassword } from '@/server/services/workspaces/passwords';" + uses('hashPassword')],
    ['server/ by a relative path', "import { logger } from '../server/logger';" + uses('logger')],
  ])('db/ may not import %s', async (_what, code) => {
    expect(await boundaryErrors('db/example.ts', code)).toEqual([expect.stringContaining('db/')]);
  });

  it('db/ imports itself, the domain and the environment', async () => {
    const code =
      "import { ROLES } from '@/server/domain/permissions';\nimport { env } from '@/server/env';\nimport { messages } from '@/db/schema';\nimport { afterCommit } from './after-commit';" +
      uses('ROLES, env, messages, afterCommit');
    expect(await boundaryErrors('db/schema/example.ts', code)).toEqual([]);
  });

  it.each([
    ['by alias', "import { ingestInbound } from '@/server/services/ingest/ingest';" + uses('ingestInbound')],
    ['by a relative path', "import { ingestInbound } from '../../services/ingest/ingest';" + uses('ingestInbound')],
  ])('server/channels may not import a service %s', async (_how, code) => {
    expect(await boundaryErrors('server/channels/whatsapp/example.ts', code)).toEqual([expect.stringContaining('server/services')]);
  });

  it('server/channels import the channel contracts and the domain', async () => {
    const code =
      "import type { TInboundMessage } from '@/server/channels/inbound';\nimport type { TChannelAdapter } from '../adapter';\nimport { hasWindow } from '@/server/domain/window';\nexport type T = [TInboundMessage, TChannelAdapter];" +
      uses('hasWindow');
    expect(await boundaryErrors('server/channels/whatsapp/example.ts', code)).toEqual([]);
  });

  it.each([
    ['a value from the API', "import { appRouter } from '@/server/api/root';" + uses('appRouter')],
    ['a value from realtime', "import { REALTIME_CHANNEL } from '@/server/realtime/events';" + uses('REALTIME_CHANNEL')],
    [
      'a service, even for a type',
      "import type { TWorkspaceContext } from '@/server/services/workspaces/context';\nexport type T = TWorkspaceContext;\n",
    ],
    ['the database', "import { db } from '@/db/client';" + uses('db')],
    ['server code by a relative path', "import { logger } from '../../server/logger';" + uses('logger')],
  ])('components may not import %s', async (_what, code) => {
    expect(await boundaryErrors('components/example/example.tsx', code)).toHaveLength(1);
  });

  it('components import components, the domain, i18n, and types from the API and the realtime events', async () => {
    const code = [
      "import type { AppRouter } from '@/server/api/root';",
      "import type { TRealtimeEvent } from '@/server/realtime/events';",
      "import { hasWindow } from '@/server/domain/window';",
      "import { LOCALES } from '@/server/i18n/locales';",
      "import { useToasts } from '@/components/ui/toasts';",
      'export type T = [AppRouter, TRealtimeEvent];',
    ].join('\n');
    expect(await boundaryErrors('components/example/example.tsx', code + uses('hasWindow, LOCALES, useToasts'))).toEqual([]);
  });
});
