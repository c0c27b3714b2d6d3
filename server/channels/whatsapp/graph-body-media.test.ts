import { describe, expect, it } from 'vitest';
import type { TOutboundFile, TOutboundMessage } from '../adapter';
import { graphMessageBody } from './graph-body';
import { multipartUpload } from './graph-upload';

// Meta's media shapes (/work/shared/reference/meta-messaging.md §10): a media message names the uploaded id, with
// `caption` for image, video and document and `filename` for documents; template headers take the same objects.
const base: Omit<TOutboundMessage, 'content'> = {
  messageId: 9,
  channel: { id: 'c', type: 'whatsapp', config: {} },
  recipient: { externalId: '16505551234', bsuid: null, phone: null },
};
const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '+16505551234', biz_opaque_callback_data: '9' };
const file = (fileName: string | null): TOutboundFile => ({ providerMediaId: '4242', storageKey: null, mime: 'image/png', size: 70, fileName });
const media = (mediaKind: 'image' | 'audio' | 'document', caption: string | null, fileName: string | null = null): TOutboundMessage => ({
  ...base,
  content: { kind: 'media', mediaKind, caption, messagingTag: null, file: file(fileName) },
});

describe('graphMessageBody: media', () => {
  it('sends an image by id with its caption, never a file name', () => {
    expect(graphMessageBody(media('image', 'The parcel', 'p.png'))).toEqual({ ...envelope, type: 'image', image: { id: '4242', caption: 'The parcel' } });
  });
  it('keeps a document’s file name', () => {
    expect(graphMessageBody(media('document', null, 'invoice.pdf'))).toEqual({ ...envelope, type: 'document', document: { id: '4242', filename: 'invoice.pdf' } });
  });
  it('drops a caption on audio, which cannot carry one', () => {
    expect(graphMessageBody(media('audio', 'ignored'))).toEqual({ ...envelope, type: 'audio', audio: { id: '4242' } });
  });
  it('puts a header’s media as the header parameter, by id or link', () => {
    const template = (headerMedia: NonNullable<Extract<TOutboundMessage['content'], { kind: 'template' }>['headerMedia']>): TOutboundMessage => ({
      ...base,
      content: {
        kind: 'template',
        name: 'shipped',
        language: 'en',
        params: { 'body.1': 'A-1' },
        parameterFormat: 'POSITIONAL',
        components: [{ type: 'HEADER', format: 'IMAGE' }, { type: 'BODY', text: 'Order {{1}}' }],
        renderedText: 'Order A-1',
        headerMedia,
      },
    });
    expect(graphMessageBody(template({ kind: 'image', file: file(null) })).template).toMatchObject({
      components: [
        { type: 'header', parameters: [{ type: 'image', image: { id: '4242' } }] },
        { type: 'body', parameters: [{ type: 'text', text: 'A-1' }] },
      ],
    });
    expect(graphMessageBody(template({ kind: 'image', link: 'https://cdn.example.com/a.png' })).template).toMatchObject({
      components: [{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/a.png' } }] }, { type: 'body' }],
    });
  });
});

describe('multipartUpload', () => {
  it('is the form Meta reads: messaging_product, type and file', async () => {
    const form = multipartUpload({ bytes: Buffer.from('abc'), mime: 'image/png', fileName: 'a"b\r\n.png' }, 'XYZ');
    expect(form.contentType).toBe('multipart/form-data; boundary=XYZ');
    const parsed = await new Response(form.bytes, { headers: { 'content-type': form.contentType } }).formData();
    expect(parsed.get('messaging_product')).toBe('whatsapp');
    expect(parsed.get('type')).toBe('image/png');
    const part = parsed.get('file') as File;
    expect(part.name).toBe('a_b__.png');
    expect(await part.text()).toBe('abc');
  });
});
