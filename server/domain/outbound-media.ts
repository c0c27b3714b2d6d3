import type { TMediaFileKind } from './media-rules';
import type { TTemplateComponent } from './templates';

/**
 * Rules for the media we send (../shared/reference/meta-messaging.md §10), shared by the composer and the server:
 * which kinds take a caption and a file name, how long a caption may be, and what kind of media a template's
 * header wants. The file's own checks (type by content, size per kind) are media-rules.ts.
 */

/** Meta's limit on a media caption. */
export const CAPTION_MAX = 1024;

/** Images, videos and documents carry a caption; audio and stickers cannot. */
export const takesCaption = (kind: TMediaFileKind): boolean => kind === 'image' || kind === 'video' || kind === 'document';

/** Only a document keeps its file name on the customer's phone. */
export const takesFileName = (kind: TMediaFileKind): boolean => kind === 'document';

/** Template headers can be images, videos or documents (Meta's header formats IMAGE, VIDEO, DOCUMENT). */
export const HEADER_MEDIA_KINDS = ['image', 'video', 'document'] as const;
export type THeaderMediaKind = (typeof HEADER_MEDIA_KINDS)[number];

/** The kind of media a template's header needs, or null for a text header or none. */
export function headerMediaKind(components: readonly TTemplateComponent[]): THeaderMediaKind | null {
  const header = components.find((component) => component.type?.toUpperCase() === 'HEADER');
  const format = header?.format?.toLowerCase();
  return (HEADER_MEDIA_KINDS as readonly string[]).includes(format ?? '') ? (format as THeaderMediaKind) : null;
}

/** A link Meta can fetch for a header: https only, no credentials in it, a real host. */
export function isHeaderMediaLink(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.hostname.includes('.');
}

/**
 * How the composer's text goes out with several files: as the caption of the first file that takes one (WhatsApp
 * shows a caption under its picture); with no such file, or when it is longer than a caption may be, as a text message of its own after the files.
 */
export function captionPlan(kinds: readonly TMediaFileKind[], text: string): { captionIndex: number | null; separateText: boolean } {
  const trimmed = text.trim();
  if (!trimmed) return { captionIndex: null, separateText: false };
  // Too long for a caption: it goes as its own message rather than be cut.
  const index = trimmed.length > CAPTION_MAX ? -1 : kinds.findIndex(takesCaption);
  return index === -1 ? { captionIndex: null, separateText: true } : { captionIndex: index, separateText: false };
}
