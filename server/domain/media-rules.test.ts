import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  extensionOf,
  isAnimatedWebp,
  isMediaFileKind,
  isMediaKind,
  judgeMedia,
  looksLikeText,
  maxBytesOf,
  MEDIA_FILE_KINDS,
  MEDIA_MAX_BYTES,
  MEDIA_MIME_TYPES,
  servedInline,
  shaMatches,
  type TMediaFileKind,
} from './media-rules';

const MB = 1024 * 1024;
const OOXML = 'application/vnd.openxmlformats-officedocument';

describe('judgeMedia: the kind follows the sniffed content', () => {
  it.each<[string, TMediaFileKind, string]>([
    ['image/jpeg', 'image', 'image/jpeg'],
    ['image/png', 'image', 'image/png'],
    ['image/webp', 'sticker', 'image/webp'],
    ['video/mp4', 'video', 'video/mp4'],
    ['video/3gpp', 'video', 'video/3gpp'],
    ['audio/aac', 'audio', 'audio/aac'],
    ['audio/amr', 'audio', 'audio/amr'],
    ['audio/mpeg', 'audio', 'audio/mpeg'],
    ['audio/mp4', 'audio', 'audio/mp4'],
    ['audio/x-m4a', 'audio', 'audio/mp4'],
    ['audio/ogg', 'audio', 'audio/ogg'],
    ['audio/ogg; codecs=opus', 'audio', 'audio/ogg'],
    ['audio/opus', 'audio', 'audio/ogg'],
    ['application/pdf', 'document', 'application/pdf'],
    [`${OOXML}.wordprocessingml.document`, 'document', `${OOXML}.wordprocessingml.document`],
    [`${OOXML}.spreadsheetml.sheet`, 'document', `${OOXML}.spreadsheetml.sheet`],
    [`${OOXML}.presentationml.presentation`, 'document', `${OOXML}.presentationml.presentation`],
    ['IMAGE/JPEG', 'image', 'image/jpeg'],
  ])('%s → %s (%s)', (sniffedMime, kind, mime) => {
    expect(judgeMedia({ sniffedMime, size: 1000 })).toMatchObject({ ok: true, kind, mime });
  });

  it('plain text has no magic number: it is a document when its bytes are text', () => {
    expect(judgeMedia({ sniffedMime: null, plainText: true, fileName: 'notes.txt', size: 10 })).toEqual({
      ok: true,
      kind: 'document',
      mime: 'text/plain',
      inline: false,
    });
    expect(judgeMedia({ sniffedMime: null, plainText: false, fileName: 'notes.txt', size: 10 })).toEqual({
      ok: false,
      reason: 'refused_type',
    });
    expect(judgeMedia({ sniffedMime: null, size: 10 })).toEqual({ ok: false, reason: 'refused_type' });
  });

  it.each([
    ['report.doc', 'application/msword'],
    ['sheet.XLS', 'application/vnd.ms-excel'],
    ['slides.ppt', 'application/vnd.ms-powerpoint'],
  ])('a legacy Office container (%s) is named by its extension', (fileName, mime) => {
    expect(judgeMedia({ sniffedMime: 'application/x-cfb', fileName, size: 100 })).toMatchObject({ ok: true, kind: 'document', mime });
  });

  it('a legacy Office container without a known extension is refused', () => {
    expect(judgeMedia({ sniffedMime: 'application/x-cfb', fileName: 'mail.msg', size: 100 })).toEqual({
      ok: false,
      reason: 'refused_type',
    });
    expect(judgeMedia({ sniffedMime: 'application/x-cfb', size: 100 })).toEqual({ ok: false, reason: 'refused_type' });
  });
});

describe('judgeMedia: a declared kind must fit the content', () => {
  it.each<[string, TMediaFileKind]>([
    ['image/jpeg', 'document'],
    ['image/png', 'document'],
    ['video/mp4', 'document'],
    ['audio/ogg', 'document'],
    ['video/mp4', 'audio'],
    ['audio/mp4', 'audio'],
    ['image/webp', 'sticker'],
    ['image/webp', 'document'],
  ])('%s may be sent as %s', (sniffedMime, declaredKind) => {
    expect(judgeMedia({ sniffedMime, declaredKind, size: 1000 })).toMatchObject({ ok: true, kind: declaredKind });
  });

  it.each<[string, TMediaFileKind]>([
    ['application/pdf', 'image'],
    ['image/jpeg', 'video'],
    ['image/webp', 'image'],
    ['image/png', 'sticker'],
    ['audio/mpeg', 'video'],
    ['video/3gpp', 'audio'],
    ['text/plain', 'image'],
  ])('%s is not a %s', (sniffedMime, declaredKind) => {
    expect(judgeMedia({ sniffedMime, declaredKind, size: 1000 })).toEqual({ ok: false, reason: 'wrong_kind' });
  });
});

describe('judgeMedia: refusals', () => {
  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('an empty (or nonsensical) size %s is refused', (size) => {
    expect(judgeMedia({ sniffedMime: 'image/jpeg', size })).toEqual({ ok: false, reason: 'empty' });
  });

  it.each([
    'application/x-msdownload',
    'application/x-elf',
    'application/x-mach-binary',
    'application/java-archive',
    'application/vnd.android.package-archive',
    'application/wasm',
    'application/x-deb',
  ])('a renamed executable (%s called photo.jpg) is refused by its content', (sniffedMime) => {
    expect(judgeMedia({ sniffedMime, fileName: 'photo.jpg', declaredKind: 'image', size: 1000 })).toEqual({
      ok: false,
      reason: 'executable',
    });
  });

  it.each(['setup.exe', 'run.sh', 'invoice.pdf.exe', 'macro.JS', 'thing.bat', 'app.apk', 'x.ps1'])(
    'a text file named %s is refused',
    (fileName) => {
      expect(judgeMedia({ sniffedMime: null, plainText: true, fileName, size: 10 })).toEqual({ ok: false, reason: 'executable' });
    },
  );

  it.each([
    'text/html',
    'image/svg+xml',
    'application/xml',
    'application/zip',
    'image/gif',
    'image/tiff',
    'video/webm',
    'audio/wav',
    'application/x-rar-compressed',
    'video/quicktime',
  ])('a type Meta does not take (%s) is refused', (sniffedMime) => {
    expect(judgeMedia({ sniffedMime, size: 1000 })).toEqual({ ok: false, reason: 'refused_type' });
  });

  it.each(MEDIA_FILE_KINDS)('%s: at the limit passes, one byte over is refused with the limit', (kind) => {
    const sniffedMime = MEDIA_MIME_TYPES[kind][0]!;
    const limit = MEDIA_MAX_BYTES[kind];
    expect(judgeMedia({ sniffedMime, declaredKind: kind, size: limit })).toMatchObject({ ok: true, kind });
    expect(judgeMedia({ sniffedMime, declaredKind: kind, size: limit + 1 })).toEqual({ ok: false, reason: 'too_large', limitBytes: limit });
  });

  it("Meta's limits: image 5 MB, video and audio 16 MB, document 100 MB, sticker 100 KB static and 500 KB animated", () => {
    expect(maxBytesOf('image')).toBe(5 * MB);
    expect(maxBytesOf('video')).toBe(16 * MB);
    expect(maxBytesOf('audio')).toBe(16 * MB);
    expect(maxBytesOf('document')).toBe(100 * MB);
    expect(maxBytesOf('sticker')).toBe(100 * 1024);
    expect(maxBytesOf('sticker', true)).toBe(500 * 1024);
    expect(maxBytesOf('image', true)).toBe(5 * MB);
  });

  it('an animated sticker may be up to 500 KB, a static one not', () => {
    const size = 300 * 1024;
    expect(judgeMedia({ sniffedMime: 'image/webp', animated: true, size })).toMatchObject({ ok: true, kind: 'sticker' });
    expect(judgeMedia({ sniffedMime: 'image/webp', animated: false, size })).toEqual({
      ok: false,
      reason: 'too_large',
      limitBytes: 100 * 1024,
    });
  });

  it('a photo sent as a document takes the document limit', () => {
    expect(judgeMedia({ sniffedMime: 'image/jpeg', declaredKind: 'document', size: 20 * MB })).toMatchObject({
      ok: true,
      kind: 'document',
      inline: false,
    });
    expect(judgeMedia({ sniffedMime: 'image/jpeg', size: 20 * MB })).toEqual({ ok: false, reason: 'too_large', limitBytes: 5 * MB });
  });
});

describe('servedInline', () => {
  it('images, stickers, audio and video are shown in the page', () => {
    expect(servedInline('image', 'image/jpeg')).toBe(true);
    expect(servedInline('sticker', 'image/webp')).toBe(true);
    expect(servedInline('audio', 'audio/ogg')).toBe(true);
    expect(servedInline('audio', 'audio/ogg; codecs=opus')).toBe(true);
    expect(servedInline('video', 'video/mp4')).toBe(true);
  });
  it('documents always download, even a PDF or a photo sent as a document', () => {
    expect(servedInline('document', 'application/pdf')).toBe(false);
    expect(servedInline('document', 'image/jpeg')).toBe(false);
    expect(servedInline('document', 'text/plain')).toBe(false);
  });
  it.each(['text/html', 'image/svg+xml', 'application/xhtml+xml', 'text/xml', 'application/javascript'])(
    'never %s, whatever the kind',
    (mime) => {
      for (const kind of MEDIA_FILE_KINDS) expect(servedInline(kind, mime)).toBe(false);
    },
  );
  it('the verdict carries it', () => {
    expect(judgeMedia({ sniffedMime: 'image/png', size: 5 })).toMatchObject({ inline: true });
    expect(judgeMedia({ sniffedMime: 'application/pdf', size: 5 })).toMatchObject({ inline: false });
  });
});

describe('looksLikeText', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it('UTF-8 text, Arabic included', () => {
    expect(looksLikeText(bytes('hello\nworld'))).toBe(true);
    expect(looksLikeText(bytes('فاتورة رقم ١٢'))).toBe(true);
  });
  it('a multi-byte character cut at the end of the sample still counts as text', () => {
    const whole = bytes('مرحبا');
    expect(looksLikeText(whole.subarray(0, whole.length - 1))).toBe(true);
  });
  it.each([
    '<html><body>x</body></html>',
    '  <!DOCTYPE html>',
    '<svg xmlns="http://www.w3.org/2000/svg"/>',
    '<?xml version="1.0"?>',
    '<script>alert(1)</script>',
  ])('markup is never plain text: %s', (markup) => expect(looksLikeText(bytes(markup))).toBe(false));
  it('NUL bytes, invalid UTF-8 or nothing at all are not text', () => {
    expect(looksLikeText(new Uint8Array([0x68, 0x00, 0x69]))).toBe(false);
    expect(looksLikeText(new Uint8Array([0xff, 0xfe, 0x41, 0x42]))).toBe(false);
    expect(looksLikeText(new Uint8Array([0x41, 0x80, 0x41]))).toBe(false);
    expect(looksLikeText(new Uint8Array([]))).toBe(false);
  });
});

describe('isAnimatedWebp', () => {
  const webp = (chunk: string, flags: number) => {
    const head = new Uint8Array(30);
    head.set(new TextEncoder().encode('RIFF'), 0);
    head.set(new TextEncoder().encode('WEBP'), 8);
    head.set(new TextEncoder().encode(chunk), 12);
    head[20] = flags;
    return head;
  };
  it('VP8X with the animation flag', () => {
    expect(isAnimatedWebp(webp('VP8X', 0x02))).toBe(true);
    expect(isAnimatedWebp(webp('VP8X', 0x12))).toBe(true);
  });
  it('a static webp, another flag, or not a webp', () => {
    expect(isAnimatedWebp(webp('VP8X', 0x10))).toBe(false);
    expect(isAnimatedWebp(webp('VP8 ', 0x02))).toBe(false);
    expect(isAnimatedWebp(webp('VP8L', 0x02))).toBe(false);
    expect(isAnimatedWebp(new Uint8Array(10))).toBe(false);
  });
});

describe('shaMatches', () => {
  const digest = createHash('sha256').update('photo bytes').digest();
  it("Meta's base64, hex, and base64url all match", () => {
    expect(shaMatches(digest.toString('base64'), digest)).toBe(true);
    expect(shaMatches(digest.toString('hex'), digest)).toBe(true);
    expect(shaMatches(digest.toString('hex').toUpperCase(), digest)).toBe(true);
    expect(shaMatches(digest.toString('base64url'), digest)).toBe(true);
  });
  it('another digest does not', () => {
    const other = createHash('sha256').update('other bytes').digest();
    expect(shaMatches(other.toString('base64'), digest)).toBe(false);
    expect(shaMatches('not a digest', digest)).toBe(false);
  });
  it('nothing announced: nothing to compare', () => {
    expect(shaMatches(null, digest)).toBe(true);
    expect(shaMatches(undefined, digest)).toBe(true);
    expect(shaMatches('', digest)).toBe(true);
  });
});

describe('names and kinds', () => {
  it('extensionOf', () => {
    expect(extensionOf('invoice.PDF')).toBe('pdf');
    expect(extensionOf('archive.tar.gz')).toBe('gz');
    expect(extensionOf('noext')).toBeNull();
    expect(extensionOf('trailing.')).toBeNull();
    expect(extensionOf(null)).toBeNull();
    expect(extensionOf(' spaced.txt ')).toBe('txt');
  });
  it('file kinds and media kinds', () => {
    expect(MEDIA_FILE_KINDS.every(isMediaFileKind)).toBe(true);
    expect(isMediaFileKind('location')).toBe(false);
    expect(isMediaKind('location')).toBe(true);
    expect(isMediaKind('contacts')).toBe(true);
    expect(isMediaKind('text')).toBe(false);
  });
});
