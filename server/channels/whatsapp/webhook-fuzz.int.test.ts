import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createWhatsAppChannel, createWorkspace } from '@/server/testing/factories';
import { serveWebhookHttp } from '@/server/testing/webhook-server';
import { DISPLAY_NUMBER, nowSeconds, PHONE_NUMBER_ID, webhook } from './webhook-fuzz-payloads';
import { signatureOf } from './signature';

/**
 * Property: whatever JSON shaped like Meta's webhooks arrives, signed with the channel's app secret, the real HTTP
 * handler over real PostgreSQL never answers 500, and every message it could key (an id and a sender) is findable
 * afterwards. Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> [FUZZ_RUNS=n] npx vitest run ... .
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SECRET = 'fuzz-app-secret';

let database: TTestDatabase;
let server: Awaited<ReturnType<typeof serveWebhookHttp>>;
let url: string;

beforeAll(async () => {
  database = await createTestDatabase();
  // Unknown templates schedule a sync job.
  await startBoss(database.url);
  const ws = await createWorkspace(database.db, 'Fuzz');
  const channel = await createWhatsAppChannel(database.db, {
    workspaceId: ws.id,
    phoneNumberId: PHONE_NUMBER_ID,
    appSecret: SECRET,
    name: 'WA',
  });
  // So that quality and limit updates find the number and write.
  await database.sql`insert into number_health (channel_id, workspace_id, display_phone_number) values (${channel.id}, ${ws.id}, ${DISPLAY_NUMBER})`;
  server = await serveWebhookHttp(database.db);
  url = server.url(PHONE_NUMBER_ID);
});
afterAll(async () => {
  await server.close();
  await stopBoss();
  await database.drop();
});

describe('the webhook under fuzzed, validly signed payloads', () => {
  it(
    `never answers 500, and stores every message it can key (seed ${SEED}, ${RUNS} runs)`,
    async () => {
      console.warn(`webhook fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`);
      let answered200 = 0;
      let keyedStored = 0;
      await fc.assert(
        fc.asyncProperty(webhook, async ({ raw, expected }) => {
          const body = Buffer.from(raw);
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-hub-signature-256': signatureOf(body, SECRET) },
            body,
          });
          const text = await response.text();
          expect(response.status, text).not.toBe(500);
          expect([200, 400]).toContain(response.status);
          if (response.status !== 200) return;
          answered200 += 1;
          if (expected.length === 0) return;
          const found = await database.sql`select provider_message_id from messages where provider_message_id = any(${expected})`;
          expect(found.map((r) => r.provider_message_id).sort()).toEqual([...new Set(expected)].sort());
          keyedStored += expected.length;
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      // The generator must reach the interesting paths, or the property proves little.
      expect(answered200).toBeGreaterThan(RUNS / 2);
      expect(keyedStored).toBeGreaterThan(RUNS / 2);
      console.warn(`webhook fuzz: ${answered200}/${RUNS} answered 200, ${keyedStored} keyed messages stored and found`);
    },
    Math.max(120_000, RUNS * 300),
  );

  it('a control: the same handler does answer 500 when nothing of a message can be stored', async () => {
    // Guards the property above against a handler that could never answer 500 at all.
    const [other] = await database.sql`
      insert into channels (workspace_id, type, name, external_id, config)
      select workspace_id, 'whatsapp', 'WA 2', '106540359990888', config from channels where external_id = ${PHONE_NUMBER_ID}
      returning id`;
    const body = Buffer.from(
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            changes: [
              {
                field: 'messages',
                value: {
                  metadata: { phone_number_id: '106540359990888' },
                  messages: [
                    { from: '966500000000', id: `wamid.${randomUUID()}`, timestamp: String(nowSeconds), type: 'text', text: { body: 'x' } },
                  ],
                },
              },
            ],
          },
        ],
      }),
    );
    // DDL takes no parameters; the id is the database's own uuid.
    await database.sql.unsafe(
      `alter table messages add constraint fuzz_control check (channel_id <> '${other!.id as string}'::uuid) not valid`,
    );
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signatureOf(body, SECRET) },
        body,
      });
      expect(response.status).toBe(500);
    } finally {
      await database.sql`alter table messages drop constraint fuzz_control`;
    }
  });
});
