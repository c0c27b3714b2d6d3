import { describe, expect, it } from 'vitest';
import { CAPTION_MAX, captionPlan, headerMediaKind, isHeaderMediaLink, takesCaption, takesFileName } from './outbound-media';

describe('takesCaption and takesFileName', () => {
  it.each([
    ['image', true, false],
    ['video', true, false],
    ['document', true, true],
    ['audio', false, false],
    ['sticker', false, false],
  ] as const)('%s: caption %s, file name %s', (kind, caption, fileName) => {
    expect(takesCaption(kind)).toBe(caption);
    expect(takesFileName(kind)).toBe(fileName);
  });
});

describe('headerMediaKind', () => {
  it.each([
    [[{ type: 'HEADER', format: 'IMAGE' }], 'image'],
    [[{ type: 'header', format: 'video' }], 'video'],
    [[{ type: 'HEADER', format: 'DOCUMENT' }, { type: 'BODY', text: 'x' }], 'document'],
    [[{ type: 'HEADER', format: 'TEXT', text: 'Hi' }], null],
    [[{ type: 'HEADER', format: 'LOCATION' }], null],
    [[{ type: 'BODY', text: 'x' }], null],
    [[], null],
  ])('%j → %s', (components, kind) => {
    expect(headerMediaKind(components)).toBe(kind);
  });
});

describe('isHeaderMediaLink', () => {
  it.each([
    ['https://cdn.example.com/a.png', true],
    ['http://cdn.example.com/a.png', false],
    ['https://user:pw@cdn.example.com/a.png', false],
    ['https://localhost/a.png', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (link, ok) => {
    expect(isHeaderMediaLink(link)).toBe(ok);
  });
});

describe('captionPlan', () => {
  it('puts the text under the first file that takes a caption', () => {
    expect(captionPlan(['audio', 'image', 'document'], ' Hello ')).toEqual({ captionIndex: 1, separateText: false });
    expect(captionPlan(['image', 'image'], 'Both')).toEqual({ captionIndex: 0, separateText: false });
  });
  it('sends the text on its own when no file takes a caption, or it is too long for one', () => {
    expect(captionPlan(['audio', 'sticker'], 'Listen')).toEqual({ captionIndex: null, separateText: true });
    expect(captionPlan(['image'], 'x'.repeat(CAPTION_MAX + 1))).toEqual({ captionIndex: null, separateText: true });
    expect(captionPlan(['image'], 'x'.repeat(CAPTION_MAX))).toEqual({ captionIndex: 0, separateText: false });
  });
  it('has nothing to place without text', () => {
    expect(captionPlan(['image'], '   ')).toEqual({ captionIndex: null, separateText: false });
    expect(captionPlan([], '')).toEqual({ captionIndex: null, separateText: false });
  });
});
