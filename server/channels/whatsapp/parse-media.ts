import { isMediaFileKind } from '@/server/domain/media-rules';
import type { TInboundMedia } from '@/server/channels/inbound';
import { MAX_ID_LENGTH, type TWhatsAppMessage } from './webhook-schema';
import { clipText } from '@/server/domain/well-formed-text';

/**
 * The media of a WhatsApp message (../shared/reference/meta-messaging.md §10): `image | video | audio | document |
 * sticker` carry `{id, mime_type, sha256, caption?}` plus `filename` (document), `voice` (audio) and `animated`
 * (sticker); `location` and `contacts` carry their data, kept in the payload in a shape the timeline reads. Fields
 * that are not what Meta documents are left out (the raw message stays in payload.whatsapp).
 */
export type TParsedMedia = { media?: TInboundMedia; payload?: Record<string, unknown> };

const text = (value: unknown, max = 1024): string | null => (typeof value === 'string' && value.trim() !== '' ? clipText(value, max) : null);
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const record = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

export function mediaContentOf(message: TWhatsAppMessage): TParsedMedia | null {
  if (isMediaFileKind(message.type)) return { media: fileOf(message.type, record(message[message.type])) };
  if (message.type === 'location') return { payload: { location: locationOf(record(message.location)) } };
  if (message.type === 'contacts') return { payload: { contacts: contactsOf(message.contacts) } };
  return null;
}

function fileOf(type: string, object: Record<string, unknown> | null): TInboundMedia {
  const id = text(object?.id, MAX_ID_LENGTH);
  return {
    providerMediaId: id,
    mimeType: text(object?.mime_type, 255),
    sha256: text(object?.sha256, 128),
    fileName: type === 'document' ? safeFileName(text(object?.filename, 255)) : null,
    voice: type === 'audio' && object?.voice === true,
    animated: type === 'sticker' && object?.animated === true,
  };
}

/** A name to show and to offer in Content-Disposition: no path, no control characters. Never used as a storage path. */
export function safeFileName(name: string | null): string | null {
  if (!name) return null;
  const last = name.split(/[/\\]/).pop()!;
  // Control characters dropped (they could break a header or a line of the UI).
  const base = [...last].filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f).join('').trim();
  return base === '' || base === '.' || base === '..' ? null : base;
}

export type TLocation = {
  latitude: number | null;
  longitude: number | null;
  name: string | null;
  address: string | null;
  url: string | null;
};

function locationOf(object: Record<string, unknown> | null): TLocation {
  const latitude = number(object?.latitude);
  const longitude = number(object?.longitude);
  const url = text(object?.url, 2048);
  return {
    latitude: latitude !== null && Math.abs(latitude) <= 90 ? latitude : null,
    longitude: longitude !== null && Math.abs(longitude) <= 180 ? longitude : null,
    name: text(object?.name, 512),
    address: text(object?.address, 1024),
    // Only a web address is ever offered as a link.
    url: url && /^https?:\/\//i.test(url) ? url : null,
  };
}

export type TSharedContact = {
  name: string | null;
  phones: { phone: string; waId: string | null; type: string | null }[];
  emails: string[];
};

/** Shared contact cards: the formatted name (or first and last), phones with their WhatsApp id, emails. At most 20. */
function contactsOf(value: unknown): TSharedContact[] {
  const list = Array.isArray(value) ? value.slice(0, 20) : [];
  return list.flatMap((raw) => {
    const card = record(raw);
    if (!card) return [];
    const name = record(card.name);
    const formatted =
      text(name?.formatted_name, 256) ?? ([text(name?.first_name, 128), text(name?.last_name, 128)].filter(Boolean).join(' ') || null);
    const phones = (Array.isArray(card.phones) ? card.phones.slice(0, 10) : []).flatMap((p) => {
      const phone = record(p);
      const digits = text(phone?.phone, 64);
      return digits ? [{ phone: digits, waId: text(phone?.wa_id, 64), type: text(phone?.type, 32) }] : [];
    });
    const emails = (Array.isArray(card.emails) ? card.emails.slice(0, 10) : []).flatMap((e) => {
      const email = text(record(e)?.email, 320);
      return email ? [email] : [];
    });
    return formatted || phones.length ? [{ name: formatted, phones, emails }] : [];
  });
}
