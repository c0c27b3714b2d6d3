import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { MEDIA_FILE_KINDS, MEDIA_MIME_TYPES } from '@/server/domain/media-rules';

/** What the fake keeps of an upload: the mime type it was declared with and its size. */
export type TFakeUpload = { phoneNumberId: string; mime: string; size: number; fileName: string | null };

const ACCEPTED = new Set(Object.values(MEDIA_MIME_TYPES).flat());

/**
 * The fake's `POST /{phone_number_id}/media`, like Meta's: a multipart form with `messaging_product=whatsapp`, `type`
 * (a mime type Meta accepts) and a non-empty `file`, answered `{ id }`; anything else is error 131053 (media upload
 * error), as Meta refuses a wrong mime type.
 */
export async function fakeUpload(
  req: IncomingMessage,
  phoneNumberId: string,
  uploads: Map<string, TFakeUpload>,
): Promise<{ ok: true; id: string } | { ok: false; code: number; title: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let form: FormData;
  try {
    form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
  } catch {
    return { ok: false, code: 100, title: 'Invalid parameter' };
  }
  const type = form.get('type');
  const file = form.get('file');
  if (form.get('messaging_product') !== 'whatsapp') return { ok: false, code: 100, title: 'Invalid parameter' };
  if (typeof type !== 'string' || !ACCEPTED.has(type.split(';')[0]!.trim())) {
    return { ok: false, code: 131053, title: `Media upload error: unsupported type ${String(type)}` };
  }
  if (!(file instanceof Blob) || file.size === 0) return { ok: false, code: 131053, title: 'Media upload error: no file' };
  const id = String(1_000_000_000_000 + (randomBytes(6).readUIntBE(0, 6) % 8_999_999_999_999));
  uploads.set(id, { phoneNumberId, mime: type, size: file.size, fileName: file instanceof File ? file.name : null });
  return { ok: true, id };
}

/**
 * A media message (or a template header) names a media id this number uploaded, or a link. Returns the problem, or
 * null when it is well formed. Meta answers an unknown id with an invalid-parameter error.
 */
export function mediaReferenceProblem(body: Record<string, unknown>, uploads: Map<string, TFakeUpload>): string | null {
  const objects: unknown[] = [];
  const type = body.type;
  if (typeof type === 'string' && (MEDIA_FILE_KINDS as readonly string[]).includes(type)) objects.push(body[type]);
  const components = (body.template as { components?: { parameters?: Record<string, unknown>[] }[] } | undefined)?.components ?? [];
  for (const parameter of components.flatMap((component) => component.parameters ?? [])) {
    if (typeof parameter.type === 'string' && (MEDIA_FILE_KINDS as readonly string[]).includes(parameter.type)) objects.push(parameter[parameter.type]);
  }
  for (const object of objects) {
    const { id, link } = (object ?? {}) as { id?: unknown; link?: unknown };
    if (typeof id === 'string' ? !uploads.has(id) : typeof link !== 'string' || !link.startsWith('https://')) {
      return 'Invalid parameter: unknown media id or link';
    }
  }
  return null;
}

/** The caption of a media message, where the fake's error markers may be written too. */
export function captionOf(body: Record<string, unknown>): string {
  const type = body.type;
  const media = typeof type === 'string' ? (body[type] as { caption?: unknown } | undefined) : undefined;
  return typeof media?.caption === 'string' ? media.caption : '';
}
