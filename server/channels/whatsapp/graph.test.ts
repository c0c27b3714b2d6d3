import { describe, expect, it } from 'vitest';
import type { TOutboundMessage } from '../adapter';
import { graphMessageBody } from './graph-body';
import { mayRetry } from '@/server/domain/delivery-status';
import ar from '@/server/i18n/catalogs/ar.json';
import en from '@/server/i18n/catalogs/en.json';
import { englishFailureReason } from '@/server/i18n/english';
import { GRAPH_ERRORS, meaningOf } from './graph-errors';

const base: Omit<TOutboundMessage, 'content'> = {
  messageId: 42,
  channel: { id: 'c', type: 'whatsapp', config: {} },
  recipient: { externalId: '16505551234', bsuid: null, phone: null },
};

describe('graphMessageBody', () => {
  it('builds a text message', () => {
    expect(graphMessageBody({ ...base, content: { kind: 'text', text: 'Hi', messagingTag: null } })).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+16505551234',
      biz_opaque_callback_data: '42',
      type: 'text',
      text: { preview_url: false, body: 'Hi' },
    });
  });

  it('builds a positional template with header and body parameters in order', () => {
    const body = graphMessageBody({
      ...base,
      content: {
        kind: 'template',
        name: 'summer_offer',
        language: 'en',
        parameterFormat: 'POSITIONAL',
        params: { 'header.1': 'Pablo', 'body.2': '10', 'body.1': 'SUMMER20' },
        renderedText: '',
        components: [
          { type: 'HEADER', format: 'TEXT', text: 'Act fast, {{1}}!' },
          { type: 'BODY', text: 'Code {{1}} expires in {{2}} days.' },
        ],
      },
    });
    expect(body.template).toEqual({
      name: 'summer_offer',
      language: { code: 'en' },
      components: [
        { type: 'header', parameters: [{ type: 'text', text: 'Pablo' }] },
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'SUMMER20' },
            { type: 'text', text: '10' },
          ],
        },
      ],
    });
  });

  it('builds a named template, and addresses a BSUID-only user by BSUID', () => {
    const body = graphMessageBody({
      ...base,
      recipient: { externalId: null, bsuid: 'US.1349', phone: null },
      content: {
        kind: 'template',
        name: 'follow_up',
        language: 'ar',
        parameterFormat: 'NAMED',
        params: { 'body.customer_name': 'عمر', 'body.topic': 'الاسترجاع' },
        renderedText: '',
        components: [{ type: 'BODY', text: 'أهلاً {{customer_name}}، بخصوص {{topic}}.' }],
      },
    });
    expect(body.to).toBe('US.1349');
    expect(body.template).toMatchObject({
      components: [
        {
          type: 'body',
          parameters: [
            { type: 'text', parameter_name: 'customer_name', text: 'عمر' },
            { type: 'text', parameter_name: 'topic', text: 'الاسترجاع' },
          ],
        },
      ],
    });
  });
});

describe('meaningOf', () => {
  it.each([
    [130429, 400, 'transient'],
    [131056, 400, 'transient'],
    [131047, 400, 'permanent'],
    [132001, 404, 'permanent'],
    [190, 401, 'permanent'],
    [null, 503, 'transient'],
    [null, 400, 'permanent'],
    [999999, 500, 'transient'],
  ] as const)('code %s with HTTP %i is %s', (code, status, retry) => {
    expect(meaningOf(code, status).retry).toBe(retry);
  });

  it('flags the channel when the token expired or the account is blocked', () => {
    expect(meaningOf(190, 401).channelNeedsAttention).toBe(true);
    expect(meaningOf(368, 403).channelNeedsAttention).toBe(true);
    // And when the number itself must be fixed: token refused, permissions, spam restriction, billing, registration.
    for (const code of [0, 3, 10, 131048, 131042, 133010]) expect(meaningOf(code, 400).channelNeedsAttention).toBe(true);
    for (const code of [131008, 131009, 131052, 131053, 132005, 132007, 132012, 130497]) expect(meaningOf(code, 400)).toEqual({ retry: 'permanent' });
    expect(meaningOf(131047, 400)).toEqual({ retry: 'permanent' });
    expect(englishFailureReason('131047')).toBe('Window closed; send a template.');
  });
});

describe('the error table decides what a failed message offers', () => {
  // Written out rather than read from the table, so a code changing its verdict fails here.
  const TRANSIENT = [130429, 131056, 80007, 4, 131000, 131057];
  const PERMANENT = [
    131047, 131026, 131049, 130472, 131050, 131051, 132000, 132001, 132015, 132016, 368, 131031, 190, 100,
    // The rest of Meta's send error table (reference/meta-messaging.md §3.3): none helped by a plain retry.
    0, 3, 10, 131008, 131009, 131048, 131052, 131053, 132005, 132007, 132012, 130497, 131042, 133010,
  ];

  it('covers every code in the table, each one exactly once', () => {
    expect(Object.keys(GRAPH_ERRORS).map(Number).sort()).toEqual([...TRANSIENT, ...PERMANENT].sort());
  });

  it.each<[number | null, number, boolean]>([
    ...TRANSIENT.map((code): [number, number, boolean] => [code, 400, true]),
    ...PERMANENT.map((code): [number, number, boolean] => [code, 400, false]),
    [null, 429, true],
    [null, 500, true],
    [null, 400, false],
  ])('code %s with HTTP %i, once failed, may be retried: %s', (code, status, retriable) => {
    expect(mayRetry({ status: 'failed', failureKind: meaningOf(code, status).retry })).toBe(retriable);
  });

  it.each([...TRANSIENT, ...PERMANENT])('says code %i in words in every language', (code) => {
    expect(en.deliveryErrors).toHaveProperty(String(code));
    expect(ar.deliveryErrors).toHaveProperty(String(code));
  });
});
