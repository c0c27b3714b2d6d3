import { describe, expect, it } from 'vitest';
import { examplesOf, segmentsOf, templateDirection, templatePreview } from './template-preview';

describe('templatePreview', () => {
  it('fills positional variables from the body and header examples, in their own numbering', () => {
    const preview = templatePreview({
      language: 'en',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Act fast, {{1}}!', example: { header_text: ['Pablo'] } },
        { type: 'BODY', text: 'Code {{1}} expires in {{2}} days, {{1}}.', example: { body_text: [['SUMMER20', '10']] } },
        { type: 'FOOTER', text: 'Nafidha Store' },
      ],
    });
    expect(preview.header).toEqual({
      kind: 'text',
      segments: [
        { kind: 'text', text: 'Act fast, ' },
        { kind: 'variable', name: '1', example: 'Pablo' },
        { kind: 'text', text: '!' },
      ],
    });
    expect(preview.body).toEqual([
      { kind: 'text', text: 'Code ' },
      { kind: 'variable', name: '1', example: 'SUMMER20' },
      { kind: 'text', text: ' expires in ' },
      { kind: 'variable', name: '2', example: '10' },
      { kind: 'text', text: ' days, ' },
      { kind: 'variable', name: '1', example: 'SUMMER20' },
      { kind: 'text', text: '.' },
    ]);
    expect(preview.footer).toBe('Nafidha Store');
    expect(preview.direction).toBe('ltr');
  });

  it('fills named variables by name, and leaves a variable without an example as a chip (example null)', () => {
    const preview = templatePreview({
      language: 'ar',
      components: [
        {
          type: 'BODY',
          text: 'أهلاً {{customer_name}}، بخصوص {{ topic }} و{{ref}}',
          example: { body_text_named_params: [{ param_name: 'customer_name', example: 'عمر' }, { param_name: 'topic', example: 'الاسترجاع' }] },
        },
      ],
    });
    expect(preview.body.filter((s) => s.kind === 'variable')).toEqual([
      { kind: 'variable', name: 'customer_name', example: 'عمر' },
      { kind: 'variable', name: 'topic', example: 'الاسترجاع' },
      { kind: 'variable', name: 'ref', example: null },
    ]);
    expect(preview.direction).toBe('rtl');
    expect(preview.header).toBeNull();
    expect(preview.footer).toBeNull();
  });

  it('has no examples at all when Meta was given none', () => {
    expect(templatePreview({ language: 'en', components: [{ type: 'BODY', text: 'On {{1}} at {{2}}.' }] }).body).toEqual([
      { kind: 'text', text: 'On ' },
      { kind: 'variable', name: '1', example: null },
      { kind: 'text', text: ' at ' },
      { kind: 'variable', name: '2', example: null },
      { kind: 'text', text: '.' },
    ]);
  });

  it('shows a media header as a placeholder of its kind, whatever its handle', () => {
    const header = (format: string) =>
      templatePreview({ language: 'en', components: [{ type: 'HEADER', format, example: { header_handle: ['4::aW1hZ2U='] } }] }).header;
    expect(header('IMAGE')).toEqual({ kind: 'media', format: 'IMAGE' });
    expect(header('video')).toEqual({ kind: 'media', format: 'VIDEO' });
    expect(header('DOCUMENT')).toEqual({ kind: 'media', format: 'DOCUMENT' });
    expect(header('LOCATION')).toEqual({ kind: 'media', format: 'LOCATION' });
    expect(header('PRODUCT')).toEqual({ kind: 'media', format: 'OTHER' });
  });

  it('reads quick reply, URL (its variable filled from the example), phone and copy-code buttons, and keeps unknown ones', () => {
    const preview = templatePreview({
      language: 'en_US',
      components: [
        { type: 'BODY', text: 'Hi' },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'QUICK_REPLY', text: 'Unsubscribe' },
            { type: 'URL', text: 'Track', url: 'https://shop.example/track/{{1}}', example: ['A-1187'] },
            { type: 'URL', text: 'Open', url: 'https://shop.example/o/{{1}}', example: ['https://shop.example/o/77'] },
            { type: 'URL', text: 'Help', url: 'https://shop.example/help' },
            { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+966115102030' },
            { type: 'COPY_CODE', example: 'SUMMER20' },
            { type: 'FLOW', text: 'Book' },
            'not a button',
            { text: 'no type' },
          ],
        },
      ],
    });
    expect(preview.buttons).toEqual([
      { kind: 'quick_reply', text: 'Unsubscribe' },
      { kind: 'url', text: 'Track', url: 'https://shop.example/track/A-1187' },
      { kind: 'url', text: 'Open', url: 'https://shop.example/o/77' },
      { kind: 'url', text: 'Help', url: 'https://shop.example/help' },
      { kind: 'phone', text: 'Call us', phone: '+966115102030' },
      { kind: 'copy_code', text: 'SUMMER20' },
      { kind: 'other', type: 'FLOW', text: 'Book' },
    ]);
  });

  it('survives components of an unexpected shape', () => {
    expect(templatePreview({ language: 'en', components: null })).toEqual({ header: null, body: [], footer: null, buttons: [], direction: 'ltr' });
    expect(
      templatePreview({ language: 'en', components: [42, { type: 'BODY', text: 7 }, { type: 'HEADER', format: 'TEXT' }, { type: 'BUTTONS', buttons: 'x' }] }),
    ).toEqual({ header: null, body: [], footer: null, buttons: [], direction: 'ltr' });
    expect(examplesOf({ example: { body_text: 'nope', body_text_named_params: [{ param_name: 1 }, null] } }, 'body').size).toBe(0);
  });
});

describe('templateDirection', () => {
  it('is right to left for Arabic, Hebrew, Persian and Urdu in any regional variant, else left to right', () => {
    expect(['ar', 'ar_EG', 'AR', 'he', 'fa', 'ur_PK'].map(templateDirection)).toEqual(['rtl', 'rtl', 'rtl', 'rtl', 'rtl', 'rtl']);
    expect(['en', 'en_US', 'fr', 'tr', 'id', 'arn'].map(templateDirection)).toEqual(['ltr', 'ltr', 'ltr', 'ltr', 'ltr', 'ltr']);
  });
});

describe('segmentsOf', () => {
  it('gives a text without variables as one run, and an empty text as none', () => {
    expect(segmentsOf('Hello there', new Map())).toEqual([{ kind: 'text', text: 'Hello there' }]);
    expect(segmentsOf('', new Map())).toEqual([]);
    expect(segmentsOf('{{1}}{{2}}', new Map([['2', 'b']]))).toEqual([
      { kind: 'variable', name: '1', example: null },
      { kind: 'variable', name: '2', example: 'b' },
    ]);
  });
});
