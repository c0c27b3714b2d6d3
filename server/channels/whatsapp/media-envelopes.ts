import type { TMediaFileKind } from '@/server/domain/media-rules';
import { textMessageEnvelope } from './envelopes';

/**
 * Meta-shaped `messages` webhooks carrying media (reference §1.3 and §10), for the customer simulator and tests:
 * the same envelope as a text, with the message's `type` object instead of `text`.
 */
type TEnvelopeInput = Omit<Parameters<typeof textMessageEnvelope>[0], 'body'>;

export function messageEnvelope(input: TEnvelopeInput, message: Record<string, unknown> & { type: string }) {
  const envelope = textMessageEnvelope({ ...input, body: '' });
  const value = envelope.entry[0]!.changes[0]!.value;
  const { text: _text, ...base } = value.messages[0]!;
  void _text;
  (value as { messages: unknown[] }).messages = [{ ...base, ...message }];
  return envelope;
}

export type TMediaObject = {
  id: string;
  mime_type: string;
  sha256: string;
  caption?: string;
  filename?: string;
  voice?: boolean;
  animated?: boolean;
};

/** `{type: "image", image: {id, mime_type, sha256, caption?}}`, and the same for video, audio, document and sticker. */
export function mediaMessage(kind: TMediaFileKind, media: TMediaObject): Record<string, unknown> & { type: string } {
  const object: Record<string, unknown> = { id: media.id, mime_type: media.mime_type, sha256: media.sha256 };
  if (media.caption && kind !== 'audio' && kind !== 'sticker') object.caption = media.caption;
  if (kind === 'document' && media.filename) object.filename = media.filename;
  if (kind === 'audio') object.voice = media.voice ?? false;
  if (kind === 'sticker') object.animated = media.animated ?? false;
  return { type: kind, [kind]: object };
}

export function locationMessage(location: { latitude: number; longitude: number; name?: string; address?: string; url?: string }) {
  return { type: 'location', location };
}

export function contactsMessage(cards: { name: string; phone: string; waId?: string; email?: string }[]) {
  return {
    type: 'contacts',
    contacts: cards.map((card) => {
      const [first, ...rest] = card.name.split(' ');
      return {
        name: { formatted_name: card.name, first_name: first, ...(rest.length ? { last_name: rest.join(' ') } : {}) },
        phones: [{ phone: card.phone, type: 'CELL', ...(card.waId ? { wa_id: card.waId } : {}) }],
        ...(card.email ? { emails: [{ email: card.email, type: 'WORK' }] } : {}),
      };
    }),
  };
}
