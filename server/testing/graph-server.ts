import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TDbOrTx } from '@/db/client';
import type { TFakeGraph } from '@/server/channels/whatsapp/fake-graph';
import { signatureOf } from '@/server/channels/whatsapp/signature';
import { handleWhatsAppWebhook } from '@/server/services/whatsapp/webhook';

/** `dropConnections` ends every request in flight (held calls then end for their callers as unknown outcomes). */
export type TGraphServer = { port: number; url: string; dropConnections: () => void; close: () => Promise<void> };

/**
 * The Graph API fake on a local port, for integration tests that send through the real adapter. `watch` sees each
 * request before the fake does (to count held ones). A caller that gives up on a held request (a timeout, a killed
 * worker) closes the socket under its response: that error is expected, not a failure of the test.
 */
export async function serveFakeGraph(fake: TFakeGraph, watch?: (req: IncomingMessage, res: ServerResponse) => void): Promise<TGraphServer> {
  const server = createServer((req, res) => {
    res.on('error', () => {});
    watch?.(req, res);
    void fake(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    dropConnections: () => server.closeAllConnections(),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The fake's status webhooks, signed with the number's app secret, into the real webhook handling. */
export function deliverSignedWebhooks(db: TDbOrTx, secret: string) {
  return async (phoneNumberId: string, body: string) => {
    await handleWhatsAppWebhook(db, phoneNumberId, Buffer.from(body), signatureOf(body, secret));
  };
}
