import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TDb } from '@/db/client';
import { whatsappWebhookHttp } from '@/server/http/whatsapp-webhook';

/** The real WhatsApp webhook HTTP entry on a local port; `url(ref)` is a number's webhook address. */
export async function serveWebhookHttp(db: TDb) {
  const server = createServer((req, res) => void whatsappWebhookHttp(db, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (ref: string) => `http://127.0.0.1:${port}/api/webhooks/whatsapp/${ref}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
