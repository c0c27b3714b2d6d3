import { describe, expect, it } from 'vitest';
import { templateInputHints } from './template-inputs';
import type { TTemplateLike } from './templates';

const positional = (components: TTemplateLike['components']): TTemplateLike => ({ parameterFormat: 'POSITIONAL', components });

describe('templateInputHints', () => {
  it('labels positional variables with the examples Meta was given, header and body apart', () => {
    const template = positional([
      { type: 'HEADER', format: 'TEXT', text: 'Act fast, {{1}}!', example: { header_text: ['Pablo'] } } as never,
      { type: 'BODY', text: 'Your code {{1}} expires in {{2}} days.', example: { body_text: [['SUMMER20', 10]] } } as never,
    ]);
    expect(Object.fromEntries(templateInputHints(template))).toEqual({
      'header.1': { example: 'Pablo', before: null },
      'body.1': { example: 'SUMMER20', before: null },
      'body.2': { example: '10', before: null },
    });
  });

  it('labels named variables with their named examples', () => {
    const template: TTemplateLike = {
      parameterFormat: 'NAMED',
      components: [
        {
          type: 'BODY',
          text: 'Hello {{customer_name}}, about {{topic}}.',
          example: { body_text_named_params: [{ param_name: 'customer_name', example: 'Omar' }] },
        } as never,
      ],
    };
    expect(Object.fromEntries(templateInputHints(template))).toEqual({
      'body.customer_name': { example: 'Omar', before: null },
      'body.topic': { example: null, before: 'about' },
    });
  });

  it('without examples, says the three words before the variable, punctuation and other variables left out', () => {
    const template = positional([{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} has shipped and will arrive on {{3}}. {{4}}' }]);
    expect(Object.fromEntries(templateInputHints(template))).toEqual({
      'body.1': { example: null, before: 'Hi' },
      'body.2': { example: null, before: 'your order' },
      'body.3': { example: null, before: 'will arrive on' },
      'body.4': { example: null, before: null },
    });
  });

  it('reads Arabic text and a variable at the very start', () => {
    const template = positional([{ type: 'BODY', text: '{{1}} مرحباً، تم شحن طلبك رقم {{2}}' }]);
    expect(Object.fromEntries(templateInputHints(template))).toEqual({
      'body.1': { example: null, before: null },
      'body.2': { example: null, before: 'شحن طلبك رقم' },
    });
  });

  it('treats blank examples as none and skips examples of the wrong shape', () => {
    const template = positional([{ type: 'BODY', text: 'Order {{1}} for {{2}}', example: { body_text: [['  ', { x: 1 }]] } } as never]);
    expect(Object.fromEntries(templateInputHints(template))).toEqual({
      'body.1': { example: null, before: 'Order' },
      'body.2': { example: null, before: 'for' },
    });
  });

  it('has nothing to say of a template without variables', () => {
    expect(templateInputHints(positional([{ type: 'BODY', text: 'Hi there.' }])).size).toBe(0);
  });
});
