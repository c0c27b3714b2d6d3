import { and, eq } from 'drizzle-orm';
import type { TDb } from '@/db/client';
import { channels } from '@/db/schema';
import { openWhatsAppConfig } from './config';
import { demoFakeMeta } from '@/db/seed/demo-meta';
import { createFakeGraph } from './fake-graph';
import { signatureOf } from './signature';

export const FAKE_GRAPH_PREFIX = '/dev/graph/';

/**
 * The Graph API fake served by the app itself (dev tools only): status webhooks go back to this app's own webhook
 * endpoint, signed with the number's app secret, exactly as Meta would send them.
 */
export function localFakeGraph(db: TDb, port: number) {
  return createFakeGraph({
    statusDelayMs: 800,
    // Any number an admin connects in the demo or the e2e run is one the fake "knows" (fake-connect.ts).
    generateNumbers: true,
    meta: demoFakeMeta(),
    deliver: async (phoneNumberId, body) => {
      const [channel] = await db
        .select({ config: channels.config })
        .from(channels)
        .where(and(eq(channels.type, 'whatsapp'), eq(channels.externalId, phoneNumberId)));
      const config = openWhatsAppConfig(channel?.config);
      if (!config) return;
      await fetch(`http://127.0.0.1:${port}/api/webhooks/whatsapp/${phoneNumberId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signatureOf(body, config.appSecret) },
        body,
      });
    },
  });
}
