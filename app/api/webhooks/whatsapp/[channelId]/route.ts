import { db } from '@/db/client';
import { handleWhatsAppWebhook, MAX_WEBHOOK_BYTES, verifyWebhookSubscription } from '@/server/services/whatsapp-webhook';

export const dynamic = 'force-dynamic';

type TParams = { params: Promise<{ channelId: string }> };

export async function GET(request: Request, { params }: TParams) {
  const { channelId } = await params;
  const result = await verifyWebhookSubscription(db(), channelId, new URL(request.url).searchParams);
  return new Response(result.body, { status: result.status, headers: { 'content-type': 'text/plain' } });
}

export async function POST(request: Request, { params }: TParams) {
  const { channelId } = await params;
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_WEBHOOK_BYTES) return new Response('payload too large', { status: 413 });
  const raw = Buffer.from(await request.arrayBuffer());
  if (raw.length > MAX_WEBHOOK_BYTES) return new Response('payload too large', { status: 413 });
  const result = await handleWhatsAppWebhook(db(), channelId, raw, request.headers.get('x-hub-signature-256'));
  return new Response(result.body, {
    status: result.status,
    headers: { 'content-type': result.status === 200 ? 'application/json' : 'text/plain' },
  });
}
