import { putFakeMedia, sha256Base64 } from '@/server/channels/whatsapp/fake-media';
import { contactsMessage, locationMessage, mediaMessage } from '@/server/channels/whatsapp/media-envelopes';
import { isMediaFileKind, type TMediaKind } from '@/server/domain/media-rules';
import { MEDIA_SAMPLES, SAMPLE_OF_KIND, sampleBytes } from './media-samples';

/**
 * The `messages[]` entry of a simulated customer's media, as Meta would post it: for a file, the sample of its kind
 * is put in the local Graph fake's store (fake-media.ts) under a new media id, which the download job then fetches
 * like any Meta media; a location or contacts card carries its data. `caption` goes where WhatsApp allows one.
 */
export function simulatedMediaMessage(kind: TMediaKind, caption: string): Record<string, unknown> & { type: string } {
  if (kind === 'location') return locationMessage({ latitude: 24.6947, longitude: 46.6851, name: caption, address: 'King Fahd Rd, Al Olaya, Riyadh' });
  if (kind === 'contacts') return contactsMessage([{ name: caption, phone: '+966 55 123 4567', waId: '966551234567' }]);
  if (!isMediaFileKind(kind)) throw new Error(`not a media kind: ${String(kind)}`);
  const sample = MEDIA_SAMPLES[SAMPLE_OF_KIND[kind]];
  const bytes = sampleBytes(SAMPLE_OF_KIND[kind]);
  const id = putFakeMedia({ bytes, mimeType: sample.mimeType });
  return mediaMessage(kind, {
    id,
    mime_type: sample.mimeType,
    sha256: sha256Base64(bytes),
    caption,
    filename: sample.fileName,
    voice: kind === 'audio',
  });
}
