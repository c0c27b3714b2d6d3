import { describe, expect, it } from 'vitest';
import {
  ENGLISH_PREVIEW_WORDS,
  formatDuration,
  iconOf,
  previewLine,
  previewMediaOf,
  type TPreviewWords,
} from './media-preview';

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [42, '0:42'],
    [41.6, '0:42'],
    [60, '1:00'],
    [599, '9:59'],
    [3725, '1:02:05'],
  ])('%s s → %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
  it.each([null, undefined, -1, Number.NaN, Number.POSITIVE_INFINITY])('%s → null', (seconds) =>
    expect(formatDuration(seconds)).toBeNull(),
  );
});

describe('previewMediaOf', () => {
  it('a voice note, with its duration once known', () => {
    expect(previewMediaOf({ kind: 'audio', media: { voice: true } })).toEqual({ kind: 'audio', voice: true });
    expect(previewMediaOf({ kind: 'audio', media: { voice: true } }, 42)).toEqual({ kind: 'audio', voice: true, durationSeconds: 42 });
    expect(previewMediaOf({ kind: 'audio', media: { voice: false } })).toEqual({ kind: 'audio' });
  });
  it('a document keeps its file name', () => {
    expect(previewMediaOf({ kind: 'document', media: { fileName: 'invoice.pdf' } })).toEqual({ kind: 'document', fileName: 'invoice.pdf' });
    expect(previewMediaOf({ kind: 'document', media: { fileName: null } })).toEqual({ kind: 'document' });
  });
  it("a location's name (else address), the first contact's name", () => {
    expect(previewMediaOf({ kind: 'location', payload: { location: { name: 'Al Olaya', address: 'Riyadh' } } })).toEqual({
      kind: 'location',
      label: 'Al Olaya',
    });
    expect(previewMediaOf({ kind: 'location', payload: { location: { name: null, address: 'Riyadh' } } })).toEqual({
      kind: 'location',
      label: 'Riyadh',
    });
    expect(previewMediaOf({ kind: 'contacts', payload: { contacts: [{ name: 'Sara' }, { name: 'Omar' }] } })).toEqual({
      kind: 'contacts',
      label: 'Sara',
    });
    expect(previewMediaOf({ kind: 'contacts', payload: {} })).toEqual({ kind: 'contacts' });
  });
  it('nothing for what is not media', () => {
    for (const kind of ['text', 'template', 'reaction', 'interactive', 'event', 'unsupported']) expect(previewMediaOf({ kind })).toBeNull();
  });
  it("the caption, but not a location's body (its name and address)", () => {
    expect(previewMediaOf({ kind: 'image', body: ' the box ' })).toEqual({ kind: 'image', caption: 'the box' });
    expect(previewMediaOf({ kind: 'location', body: 'Al Olaya, Riyadh', payload: { location: { name: 'Al Olaya' } } })).toEqual({
      kind: 'location',
      label: 'Al Olaya',
    });
  });
  it('image, video, sticker', () => {
    expect(previewMediaOf({ kind: 'image' })).toEqual({ kind: 'image' });
    expect(previewMediaOf({ kind: 'video' }, 7)).toEqual({ kind: 'video', durationSeconds: 7 });
    expect(previewMediaOf({ kind: 'sticker', media: { animated: true } })).toEqual({ kind: 'sticker' });
  });
});

describe('previewLine', () => {
  const en = ENGLISH_PREVIEW_WORDS;
  const ar: TPreviewWords = {
    image: 'صورة',
    video: 'فيديو',
    audio: 'ملف صوتي',
    voice: 'رسالة صوتية',
    document: 'مستند',
    sticker: 'ملصق',
    location: 'موقع',
    contacts: 'جهة اتصال',
  };
  it("the issue's examples", () => {
    expect(previewLine({ kind: 'image' }, en)).toBe('📷 Photo');
    expect(previewLine({ kind: 'audio', voice: true, durationSeconds: 42 }, en)).toBe('🎤 Voice message · 0:42');
    expect(previewLine({ kind: 'document', fileName: 'invoice.pdf' }, en)).toBe('📄 invoice.pdf');
  });
  it('in Arabic', () => {
    expect(previewLine({ kind: 'image' }, ar)).toBe('📷 صورة');
    expect(previewLine({ kind: 'audio', voice: true, durationSeconds: 42 }, ar)).toBe('🎤 رسالة صوتية · 0:42');
    expect(previewLine({ kind: 'document' }, ar)).toBe('📄 مستند');
  });
  it('with a caption, a label, or for every kind', () => {
    expect(previewLine({ kind: 'image', caption: 'the damaged box' }, en)).toBe('📷 Photo · the damaged box');
    expect(previewLine({ kind: 'image', caption: '   ' }, en)).toBe('📷 Photo');
    expect(previewLine({ kind: 'location', label: 'Al Olaya' }, en)).toBe('📍 Location · Al Olaya');
    expect(previewLine({ kind: 'contacts', label: 'Sara' }, en)).toBe('👤 Contact · Sara');
    expect(previewLine({ kind: 'video', durationSeconds: 5 }, en)).toBe('🎥 Video · 0:05');
    expect(previewLine({ kind: 'sticker' }, en)).toBe('💟 Sticker');
    expect(previewLine({ kind: 'audio' }, en)).toBe('🎵 Audio');
  });
  it('icons', () => {
    expect(iconOf({ kind: 'audio', voice: true })).toBe('🎤');
    expect(iconOf({ kind: 'audio' })).toBe('🎵');
  });
});
