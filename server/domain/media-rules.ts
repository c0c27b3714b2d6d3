/**
 * What media WhatsApp accepts (../shared/reference/meta-messaging.md §10) and our verdict on a file: its kind, or why
 * it is refused. The verdict is decided from the SNIFFED content type (file-type reads the bytes), never from a name
 * or a declared type alone, so a renamed executable or an HTML page called photo.jpg is refused. One place for these
 * rules: the inbound download job, the upload endpoint and the composer's pre-check all ask here.
 */

/** Kinds that carry a file. location and contacts are media kinds too (UI-CONTRACT "Media") but have no file. */
export const MEDIA_FILE_KINDS = ['image', 'video', 'audio', 'document', 'sticker'] as const;
export type TMediaFileKind = (typeof MEDIA_FILE_KINDS)[number];
export const MEDIA_KINDS = [...MEDIA_FILE_KINDS, 'location', 'contacts'] as const;
export type TMediaKind = (typeof MEDIA_KINDS)[number];

export const isMediaFileKind = (kind: string): kind is TMediaFileKind => (MEDIA_FILE_KINDS as readonly string[]).includes(kind);
export const isMediaKind = (kind: string): kind is TMediaKind => (MEDIA_KINDS as readonly string[]).includes(kind);

/**
 * What a conversation list row says about a last message that is media (conversations.preview_media): the browser
 * renders it in the reader's language with an icon ("📷 Photo", "🎤 Voice message · 0:42", "📄 invoice.pdf").
 */
export type TPreviewMedia = {
  kind: TMediaKind;
  /** An audio recorded as a voice note. */
  voice?: boolean;
  durationSeconds?: number;
  fileName?: string;
  /** A location's name, or the first contact's name. */
  label?: string;
  /** The caption, shown after the kind. */
  caption?: string;
};

/** Where a message's file is: still to fetch (or upload), in our storage, or never going to be (with a reason). */
export const MEDIA_STATES = ['pending', 'stored', 'unavailable'] as const;
export type TMediaState = (typeof MEDIA_STATES)[number];

/** Why a file is refused by its content, size or type (before anything is stored). */
export const MEDIA_REFUSALS = ['empty', 'too_large', 'refused_type', 'executable', 'wrong_kind'] as const;
export type TMediaRefusal = (typeof MEDIA_REFUSALS)[number];

/**
 * Why a message's media is unavailable: a refusal above, or what went wrong fetching or keeping it. Each has a
 * translation under `media.unavailable.<reason>` in both catalogs; browsers render the code, never a sentence.
 */
export const MEDIA_UNAVAILABLE_REASONS = [
  ...MEDIA_REFUSALS,
  /** Meta no longer has it (webhook media ids last 7 days), or never had it. */
  'expired',
  /** The bytes did not match the sha256 Meta announced. */
  'sha_mismatch',
  /** Downloads kept failing after every retry. */
  'download_failed',
  /** Our storage was full or unreachable. */
  'storage_failed',
] as const;
export type TMediaUnavailableReason = (typeof MEDIA_UNAVAILABLE_REASONS)[number];

const MB = 1024 * 1024;
const KB = 1024;

/** Meta's limits per kind (stickers: static; animated ones get STICKER_ANIMATED_MAX_BYTES). */
export const MEDIA_MAX_BYTES: Record<TMediaFileKind, number> = {
  image: 5 * MB,
  video: 16 * MB,
  audio: 16 * MB,
  document: 100 * MB,
  sticker: 100 * KB,
};
export const STICKER_ANIMATED_MAX_BYTES = 500 * KB;

export const maxBytesOf = (kind: TMediaFileKind, animated = false): number =>
  kind === 'sticker' && animated ? STICKER_ANIMATED_MAX_BYTES : MEDIA_MAX_BYTES[kind];

const WORD = 'application/msword';
const EXCEL = 'application/vnd.ms-excel';
const POWERPOINT = 'application/vnd.ms-powerpoint';
const OOXML = 'application/vnd.openxmlformats-officedocument';
const DOCUMENT_TYPES = [
  'application/pdf',
  'text/plain',
  WORD,
  `${OOXML}.wordprocessingml.document`,
  EXCEL,
  `${OOXML}.spreadsheetml.sheet`,
  POWERPOINT,
  `${OOXML}.presentationml.presentation`,
] as const;

/** Meta's accepted mime types per kind, as we send them and as we store them (the canonical form). */
export const MEDIA_MIME_TYPES: Record<TMediaFileKind, readonly string[]> = {
  image: ['image/jpeg', 'image/png'],
  video: ['video/mp4', 'video/3gpp'],
  // Meta's "ogg (Opus only)": voice notes are audio/ogg; codecs=opus.
  audio: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
  document: DOCUMENT_TYPES,
  sticker: ['image/webp'],
};

/**
 * A sniffed type → the canonical one. file-type names some containers differently from Meta (an m4a is audio/x-m4a,
 * an Opus ogg is `audio/ogg; codecs=opus`), and cannot tell the legacy Office formats apart (all application/x-cfb):
 * those are resolved by the declared file name, which is safe because the container is already known not to be code.
 */
function canonicalMime(sniffed: string, extension: string | null): string | null {
  const base = sniffed.split(';')[0]!.trim().toLowerCase();
  if (base === 'audio/x-m4a') return 'audio/mp4';
  if (base === 'audio/opus') return 'audio/ogg';
  if (base === 'application/x-cfb') return LEGACY_OFFICE[extension ?? ''] ?? null;
  return base;
}
const LEGACY_OFFICE: Record<string, string> = { doc: WORD, xls: EXCEL, ppt: POWERPOINT };

/**
 * Code or installers, refused whatever the name says (a renamed executable is the classic trick). Also the names,
 * because a plain-text file called setup.exe or run.sh is still meant to be run.
 */
const EXECUTABLE_TYPES = new Set([
  'application/x-msdownload',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-sharedlib',
  'application/x-executable',
  'application/vnd.microsoft.portable-executable',
  'application/java-archive',
  'application/java-vm',
  'application/vnd.android.package-archive',
  'application/x-apple-diskimage',
  'application/x-deb',
  'application/x-rpm',
  'application/wasm',
  'application/x-shockwave-flash',
  'application/x-google-chrome-extension',
  'application/x-xpinstall',
  'application/x-ms-regedit',
  'application/x.ms.shortcut',
  'application/vnd.ms-htmlhelp',
]);
const EXECUTABLE_EXTENSIONS = new Set(
  'exe dll com scr msi msp bat cmd ps1 vbs vbe js jse wsf wsh hta cpl jar apk app dmg deb rpm sh bash elf bin run so dylib lnk reg pif gadget'.split(
    ' ',
  ),
);

export const extensionOf = (name: string | null | undefined): string | null => {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name?.trim() ?? '');
  return match ? match[1]!.toLowerCase() : null;
};

/** The kinds a canonical type may be stored as, in the order a kind is guessed when none is declared. */
function kindsFor(mime: string): TMediaFileKind[] {
  const kinds = MEDIA_FILE_KINDS.filter((kind) => MEDIA_MIME_TYPES[kind].includes(mime));
  // An audio-only mp4 sniffs as video/mp4; customers also send photos, clips and recordings "as a document", which
  // WhatsApp delivers uncompressed. Those stay what they are, served as attachments.
  if (mime === 'video/mp4') kinds.push('audio');
  if (kinds.length > 0 && !kinds.includes('document')) kinds.push('document');
  return kinds;
}

export type TMediaCandidate = {
  /** What file-type read from the bytes; null when it recognised nothing (plain text has no magic number). */
  sniffedMime: string | null;
  /** When sniffing found nothing: whether the bytes are plain UTF-8 text (see looksLikeText). */
  plainText?: boolean;
  /** The file's name as given (an upload's name, a document's filename); only for the legacy Office formats and executables. */
  fileName?: string | null;
  size: number;
  /** The kind the file is meant as (the webhook's type, the composer's choice); unset: decided from the content. */
  declaredKind?: TMediaFileKind | null;
  /** An animated sticker (a webp with an ANIM chunk, see isAnimatedWebp). */
  animated?: boolean;
};

export type TMediaVerdict =
  { ok: true; kind: TMediaFileKind; mime: string; inline: boolean } | { ok: false; reason: TMediaRefusal; limitBytes?: number };

/** The kind a file is stored as and its canonical type, or the refusal the UI translates. */
export function judgeMedia(candidate: TMediaCandidate): TMediaVerdict {
  if (!Number.isFinite(candidate.size) || candidate.size <= 0) return { ok: false, reason: 'empty' };
  const extension = extensionOf(candidate.fileName);
  const sniffed = candidate.sniffedMime?.toLowerCase() ?? null;
  if ((sniffed && EXECUTABLE_TYPES.has(sniffed.split(';')[0]!)) || (extension && EXECUTABLE_EXTENSIONS.has(extension)))
    return { ok: false, reason: 'executable' };
  const mime = sniffed ? canonicalMime(sniffed, extension) : candidate.plainText ? 'text/plain' : null;
  if (!mime) return { ok: false, reason: 'refused_type' };
  const kinds = kindsFor(mime);
  if (kinds.length === 0) return { ok: false, reason: 'refused_type' };
  const declared = candidate.declaredKind ?? null;
  if (declared && !kinds.includes(declared)) return { ok: false, reason: 'wrong_kind' };
  const kind = declared ?? kinds[0]!;
  const limitBytes = maxBytesOf(kind, candidate.animated ?? false);
  if (candidate.size > limitBytes) return { ok: false, reason: 'too_large', limitBytes };
  return { ok: true, kind, mime, inline: servedInline(kind, mime) };
}

/** Types a browser may render in the page. Never HTML, SVG or XML (they run script); documents always download. */
const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'video/3gpp', ...MEDIA_MIME_TYPES.audio]);
export function servedInline(kind: TMediaFileKind, mime: string): boolean {
  return kind !== 'document' && INLINE_TYPES.has(mime.split(';')[0]!.trim().toLowerCase());
}

/** Markup a browser would run (HTML, SVG, XML): never a "plain text" document, whatever it is called. */
const MARKUP = /^\s*<(?:!doctype|html|head|body|svg|script|iframe|\?xml)/i;

/** Plain text by content: no NUL byte, valid UTF-8 and no markup in the first bytes (text has no magic number). */
export function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  if (MARKUP.test(new TextDecoder('utf-8').decode(head.subarray(0, 256)))) return false;
  try {
    // A multi-byte character cut at the end of the sample is not a reason to refuse.
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, trimPartialUtf8(head)));
    return true;
  } catch {
    return false;
  }
}
function trimPartialUtf8(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: keep looking for its lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? end - back : end;
  }
  return end;
}

/** A webp is animated when its VP8X header has the animation flag (RIFF....WEBPVP8X, flags byte 20, bit 1). */
export function isAnimatedWebp(head: Uint8Array): boolean {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  return head.length > 20 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP' && ascii(12, 16) === 'VP8X' && (head[20]! & 0x02) !== 0;
}

/** Meta's sha256 is base64 of the digest; some payloads carry hex. Either form compares to our digest. */
export function shaMatches(announced: string | null | undefined, digest: Buffer): boolean {
  if (!announced) return true;
  const value = announced.trim();
  return value.toLowerCase() === digest.toString('hex') || value === digest.toString('base64') || value === digest.toString('base64url');
}
