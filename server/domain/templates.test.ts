import { describe, expect, it } from 'vitest';
import { partVariables, prefillFor, renderTemplate, templateInputs, validateTemplateParams, type TTemplateLike } from './templates';

const positional: TTemplateLike = {
  parameterFormat: 'POSITIONAL',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Act fast, {{1}}!' },
    { type: 'BODY', text: 'Your code {{2}} expires in {{1}} days; {{2}} again.' },
    { type: 'FOOTER', text: 'Nafidha Store' },
  ],
};
const named: TTemplateLike = {
  parameterFormat: 'NAMED',
  components: [{ type: 'BODY', text: 'Hello {{customer_name}}, about {{ topic }}.' }],
};
const none: TTemplateLike = {
  parameterFormat: 'POSITIONAL',
  components: [
    { type: 'BODY', text: 'We are here.' },
    { type: 'HEADER', format: 'IMAGE' },
  ],
};

describe('template variables', () => {
  it('lists positional variables in number order, each once, per part', () => {
    expect(partVariables(positional, 'BODY')).toEqual(['1', '2']);
    expect(templateInputs(positional).map((i) => i.key)).toEqual(['header.1', 'body.1', 'body.2']);
  });

  it('lists named variables in order of appearance, spaces ignored', () => {
    expect(templateInputs(named).map((i) => i.key)).toEqual(['body.customer_name', 'body.topic']);
  });

  it('has none for a fixed text or a media header', () => {
    expect(templateInputs(none)).toEqual([]);
  });
});

describe('validateTemplateParams', () => {
  it('accepts exactly the variables, each filled', () => {
    expect(validateTemplateParams(named, { 'body.customer_name': 'Omar', 'body.topic': 'refund' })).toEqual([]);
    expect(validateTemplateParams(none, {})).toEqual([]);
  });

  it('reports missing, blank and unknown variables', () => {
    expect(validateTemplateParams(named, { 'body.customer_name': '  ', 'body.extra': 'x' })).toEqual([
      { code: 'TEMPLATE_PARAM_MISSING', key: 'body.customer_name' },
      { code: 'TEMPLATE_PARAM_MISSING', key: 'body.topic' },
      { code: 'TEMPLATE_PARAM_UNKNOWN', key: 'body.extra' },
    ]);
  });
});

describe('renderTemplate', () => {
  it('fills header, body and footer', () => {
    expect(renderTemplate(positional, { 'header.1': 'Sara', 'body.1': '3', 'body.2': 'SUMMER20' })).toBe(
      'Act fast, Sara!\n\nYour code SUMMER20 expires in 3 days; SUMMER20 again.\n\nNafidha Store',
    );
  });

  it('leaves unfilled variables visible in the preview', () => {
    expect(renderTemplate(named, { 'body.customer_name': 'Omar' })).toBe('Hello Omar, about {{ topic }}.');
  });
});

describe('prefillFor', () => {
  const contact = { firstName: 'Sara', lastName: 'Ali', fields: { order_number: 'A-1187' } };
  it('fills names and custom fields it knows', () => {
    expect(prefillFor('customer_name', contact)).toBe('Sara');
    expect(prefillFor('order_number', contact)).toBe('A-1187');
    expect(prefillFor('1', contact)).toBe('');
  });
});
