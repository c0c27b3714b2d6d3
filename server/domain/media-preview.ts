import { isMediaKind, type TMediaKind, type TPreviewMedia } from './media-rules';
import { clipText } from './well-formed-text';

/** The icon each media kind wears in the list and the timeline, the same in every language. */
export const MEDIA_ICONS: Record<TMediaKind, string> = {
  image: '📷',
  video: '🎥',
  audio: '🎵',
  document: '📄',
  sticker: '💟',
  location: '📍',
  contacts: '👤',
};
export const VOICE_ICON = '🎤';

export const iconOf = (preview: Pick<TPreviewMedia, 'kind' | 'voice'>): string =>
  preview.kind === 'audio' && preview.voice ? VOICE_ICON : MEDIA_ICONS[preview.kind];

/** 42 → "0:42", 3725 → "1:02:05"; null for an unknown or nonsensical duration. */
export function formatDuration(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return null;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

type TPreviewSource = {
  kind: string;
  body?: string | null;
  media?: { voice?: boolean; animated?: boolean; fileName?: string | null } | null;
  payload?: Record<string, unknown> | null;
};

/** What the list keeps about a media message (conversations.preview_media); null for anything that is not media. */
export function previewMediaOf(message: TPreviewSource, durationSeconds?: number | null): TPreviewMedia | null {
  if (!isMediaKind(message.kind)) return null;
  const preview: TPreviewMedia = { kind: message.kind };
  if (message.kind === 'audio' && message.media?.voice) preview.voice = true;
  if (durationSeconds !== null && durationSeconds !== undefined && Number.isFinite(durationSeconds))
    preview.durationSeconds = durationSeconds;
  if (message.kind === 'document' && message.media?.fileName) preview.fileName = clipText(message.media.fileName, 200);
  const label = labelOf(message);
  if (label) preview.label = clipText(label, 200);
  // A location's body is its name and address (the label says it already).
  const caption = message.kind === 'location' ? null : message.body?.trim();
  if (caption) preview.caption = clipText(caption, 200);
  return preview;
}

function labelOf(message: TPreviewSource): string | null {
  if (message.kind === 'location') {
    const location = message.payload?.location as { name?: unknown; address?: unknown } | undefined;
    return typeof location?.name === 'string' ? location.name : typeof location?.address === 'string' ? location.address : null;
  }
  if (message.kind === 'contacts') {
    const first = (message.payload?.contacts as { name?: unknown }[] | undefined)?.[0];
    return typeof first?.name === 'string' ? first.name : null;
  }
  return null;
}

/** The words of each kind in the list, per language: the browser passes its catalog's; logs and exports use English. */
export type TPreviewWords = Record<TMediaKind | 'voice', string>;
export const ENGLISH_PREVIEW_WORDS: TPreviewWords = {
  image: 'Photo',
  video: 'Video',
  audio: 'Audio',
  voice: 'Voice message',
  document: 'Document',
  sticker: 'Sticker',
  location: 'Location',
  contacts: 'Contact',
};

/**
 * "📷 Photo", "🎤 Voice message · 0:42", "📄 invoice.pdf", "📍 Location · Al Olaya", "👤 Contact · Sara". A caption
 * is added after the kind when there is one ("📷 Photo · the damaged box").
 */
export function previewLine(preview: TPreviewMedia, words: TPreviewWords): string {
  const word = preview.kind === 'audio' && preview.voice ? words.voice : words[preview.kind];
  const head = preview.kind === 'document' && preview.fileName ? preview.fileName : word;
  const extra = [formatDuration(preview.durationSeconds), preview.label, preview.caption?.trim() || null].filter((part): part is string =>
    Boolean(part),
  );
  return [`${iconOf(preview)} ${head}`, ...extra].join(' · ');
}

