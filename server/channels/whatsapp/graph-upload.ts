import { randomBytes } from 'node:crypto';
import type { TMediaUpload, TMediaUploadResult, TOutboundMessage } from '../adapter';
import { openWhatsAppConfig } from './config';
import { graphRequest } from './graph-client';

/** A media upload may take longer than a send: up to 100 MB goes up in one request. */
const UPLOAD_TIMEOUT_MS = 120_000;

/** Meta's upload form: `messaging_product`, `type` (the mime type) and `file`, as multipart/form-data. */
export function multipartUpload(file: TMediaUpload, boundary = `nafidha-${randomBytes(12).toString('hex')}`) {
  // The name goes in a quoted header parameter: quotes, backslashes and line breaks would end it early.
  const name = (file.fileName ?? 'file').replace(/["\\\r\n]/g, '_');
  const field = (key: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`;
  const head = `${field('messaging_product', 'whatsapp')}${field('type', file.mime)}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${file.mime}\r\n\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    bytes: Buffer.concat([Buffer.from(head, 'utf8'), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]),
  };
}

/**
 * `POST /{phone-number-id}/media` → `{ id }`: the id a media message (or a template header) then names. An upload
 * that failed, or whose answer was lost, is simply done again: Meta keeps an unused media id for 30 days and nothing
 * reaches the customer until a message names one.
 */
export async function uploadWhatsAppMedia(channel: TOutboundMessage['channel'], file: TMediaUpload): Promise<TMediaUploadResult> {
  const config = openWhatsAppConfig(channel.config);
  if (!config) throw new Error('not a WhatsApp Cloud API channel');
  const result = await graphRequest<{ id?: unknown }>(config, 'POST', `${config.phoneNumberId}/media`, {
    raw: multipartUpload(file),
    timeoutMs: Math.max(config.requestTimeoutMs ?? 0, UPLOAD_TIMEOUT_MS),
  });
  if (result.ok && typeof result.json.id === 'string') return { ok: true, providerMediaId: result.json.id };
  if (result.ok) return { ok: false, retry: 'transient', code: 'ADAPTER_ERROR' };
  return {
    ok: false,
    retry: result.meaning.retry,
    code: result.failureCode,
    data: result.data,
    channelNeedsAttention: result.meaning.channelNeedsAttention,
    unreachable: result.unreachable,
  };
}
