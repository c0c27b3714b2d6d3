import fc from 'fast-check';

/**
 * The payloads of the webhook fuzz test (./webhook-fuzz.int.test.ts): JSON shaped like Meta's webhooks, for our
 * number and others, with hostile text, odd values, unknown fields and junk entries mixed in; each with the ids of
 * the messages in it that can be keyed and stored. For tests only (fast-check is a dev dependency).
 */
export const PHONE_NUMBER_ID = '106540359990777';
export const DISPLAY_NUMBER = '15550001111';
/** JSON.stringify cannot write a number JavaScript cannot hold: this string is swapped for such literals. */
const HUGE = '\u0001huge-number\u0001';
const HUGE_LITERALS = ['1e400', '-1e400', '123456789012345678901234567890123456789', '0.0000000000000000000000000000000000001e-400'];

// Text as hostile as a provider can send: any code point, NULs, lone surrogates of both halves, pairs, bidi controls.
const shortOddText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
      fc.constantFrom(
        '\u0000',
        '\ud800',
        '\udbff',
        '\udc00',
        '\udfff',
        '\ud83d',
        '\ude00',
        '👍🏽',
        '\ufffd',
        '\u202e',
        'مرحبا',
        '\\u0000',
        '"',
        '\\',
      ),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));
/**
 * Long text with an emoji straddling one of the lengths we clip stored text at (previews 200 and 280, captions 1,024,
 * interactive text 4,000, ...): a clip that splits the pair leaves half of it, which json refuses.
 */
const clipEdgeText = fc
  .tuple(fc.constantFrom(119, 199, 279, 499, 999, 1023, 1999, 3999), fc.constantFrom('👍🏽', '😀', '𝑨'), shortOddText)
  .map(([length, emoji, tail]) => `${'x'.repeat(length)}${emoji}${tail}`);
const oddText = fc.oneof({ weight: 9, arbitrary: shortOddText }, { weight: 1, arbitrary: clipEdgeText });

const hugeNumber = fc.oneof(fc.constant(HUGE), fc.constantFrom(1e30, -1e30, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 63, -0));
const oddScalar = fc.oneof(
  oddText,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  hugeNumber,
);
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: oddScalar },
  fc.array(oddScalar, { maxLength: 3 }),
  fc.dictionary(oddText, oddScalar, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);
/** Sometimes the field is missing, sometimes it is right, sometimes it is anything at all. */
const maybe = <T>(right: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: right }, fc.constant(undefined), { weight: 1, arbitrary: oddValue });

export const nowSeconds = Math.floor(Date.now() / 1000);
const timestamp = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: nowSeconds - 40 * 86_400, max: nowSeconds }).map(String) },
  fc.constantFrom('999999999999', `1${'0'.repeat(30)}`, 1e30, '-5', '0', '', '1e9', String(nowSeconds + 86_400), HUGE),
  fc.bigInt({ min: 0n, max: 10n ** 40n }).map(String),
  fc.constant(undefined),
  oddValue,
);
const phone = fc.integer({ min: 10_000_000, max: 99_999_999 }).map((n) => `9665${n}`);
const wamid = fc.uuid().map((u) => `wamid.fuzz.${u}`);

const TYPES = ['text', 'image', 'video', 'audio', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button', 'reaction'];
const typeObject = (type: string) => {
  switch (type) {
    case 'text':
      return fc.record({ body: maybe(oddText) });
    case 'location':
      return fc.record({ latitude: maybe(fc.double()), longitude: maybe(fc.double()), name: maybe(oddText), address: maybe(oddText) });
    case 'interactive':
      return fc.record({
        type: maybe(fc.constantFrom('button_reply', 'list_reply')),
        button_reply: maybe(fc.record({ id: maybe(oddText), title: maybe(oddText) })),
        list_reply: maybe(fc.record({ id: maybe(oddText), title: maybe(oddText), description: maybe(oddText) })),
      });
    case 'button':
      return fc.record({ text: maybe(oddText), payload: maybe(oddText) });
    case 'reaction':
      return fc.record({ message_id: maybe(oddText), emoji: maybe(oddText) });
    case 'contacts':
      return fc.array(fc.record({ name: maybe(fc.record({ formatted_name: maybe(oddText) })), phones: maybe(oddValue) }), { maxLength: 2 });
    default:
      return fc.record({ id: maybe(oddText), mime_type: maybe(oddText), caption: maybe(oddText), sha256: maybe(oddText) });
  }
};

/** A message; `keyed` ones have an id and a sender we can key by, so they must be found after a 200. */
const message = fc
  .record({
    keyed: fc.boolean(),
    id: wamid,
    oddId: fc.oneof(oddValue, fc.constant(undefined), fc.constant(''), fc.constant('x'.repeat(300))),
    from: phone,
    oddFrom: fc.oneof(oddValue, fc.constant(undefined), fc.constant('')),
    timestamp,
    type: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...TYPES) },
      fc.constantFrom('order', 'system', 'unknown', 'unsupported'),
      oddValue,
    ),
    extra: fc.dictionary(oddText, oddValue, { maxKeys: 2 }),
  })
  .chain((m) =>
    (typeof m.type === 'string' ? typeObject(m.type) : oddValue).map((content) => {
      const body: Record<string, unknown> = {
        ...m.extra,
        id: m.keyed ? m.id : m.oddId,
        from: m.keyed ? m.from : m.oddFrom,
        timestamp: m.timestamp,
        type: m.type,
      };
      if (typeof m.type === 'string') body[m.type] = content;
      return { keyed: m.keyed, body };
    }),
  );

const contact = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ wa_id: maybe(phone), user_id: maybe(oddText), profile: maybe(fc.record({ name: maybe(oddText) })) }),
  },
  oddValue,
);
const status = fc.record({
  id: fc.oneof(wamid, oddValue),
  status: fc.oneof(
    fc.constantFrom('sent', 'delivered', 'read', 'played', 'failed', 'deleted', 'constructor', '__proto__', 'toString'),
    oddValue,
  ),
  timestamp,
  recipient_id: maybe(phone),
  errors: maybe(
    fc.array(fc.record({ code: maybe(fc.integer()), title: maybe(oddText), error_data: maybe(fc.record({ details: maybe(oddText) })) })),
  ),
});

const limit = fc.oneof(
  fc.constantFrom('TIER_1K', 'TIER_UNLIMITED', 'UNLIMITED', 'constructor', '__proto__', 'TIER_0', ''),
  fc.constantFrom(1000, 0, -1, 1.5, 1e30, 2 ** 31, HUGE),
  fc.integer(),
  oddValue,
);
/** The other fields Meta posts to the same URL: number quality and limits, templates. */
const otherChange = fc.oneof(
  fc.record({
    field: fc.constant('phone_number_quality_update'),
    value: fc.record({
      display_phone_number: fc.oneof({ weight: 3, arbitrary: fc.constant(DISPLAY_NUMBER) }, oddValue),
      event: maybe(fc.oneof(fc.constantFrom('FLAGGED', 'UNFLAGGED', 'DOWNGRADE', 'UPGRADE', 'THROUGHPUT_UPGRADE'), oddText)),
      current_limit: maybe(limit),
      old_limit: maybe(limit),
      max_daily_conversations_per_business: maybe(limit),
    }),
  }),
  fc.record({ field: fc.constant('business_capability_update'), value: fc.record({ max_daily_conversations_per_business: maybe(limit) }) }),
  fc.record({
    field: fc.constantFrom('message_template_status_update', 'message_template_quality_update'),
    value: fc.record({
      event: maybe(fc.oneof(fc.constantFrom('APPROVED', 'REJECTED', 'PAUSED', 'DISABLED'), oddText)),
      message_template_id: maybe(fc.oneof(fc.integer(), oddText, fc.constant(1e30), fc.constant(HUGE))),
      message_template_name: maybe(oddText),
      message_template_language: maybe(oddText),
      reason: maybe(oddText),
      new_quality_score: maybe(fc.oneof(fc.constantFrom('GREEN', 'YELLOW', 'RED', 'UNKNOWN'), oddText)),
      previous_quality_score: maybe(oddText),
    }),
  }),
);

const change = fc.record({
  ours: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
  messages: fc.array(message, { maxLength: 5 }),
  contacts: fc.oneof({ weight: 4, arbitrary: fc.array(contact, { maxLength: 3 }) }, fc.constant(undefined), oddValue),
  statuses: fc.oneof(fc.array(status, { maxLength: 3 }), fc.constant(undefined), oddValue),
  field: fc.oneof(
    { weight: 6, arbitrary: fc.constant('messages') },
    fc.constantFrom('statuses', 'phone_number_quality_update', 'message_template_status_update'),
    oddText,
  ),
  other: fc.option(otherChange, { freq: 3 }),
});

/** Entries and changes that are not what Meta sends, mixed in among the real ones. */
const junk = fc.oneof(
  oddValue,
  fc.record({ id: maybe(oddText), changes: oddValue }),
  fc.record({ changes: fc.array(oddValue, { maxLength: 2 }) }),
);

export const webhook = fc
  .record({ changes: fc.array(change, { minLength: 1, maxLength: 3 }), junk: fc.array(junk, { maxLength: 2 }) })
  .map(({ changes, junk }) => {
    // A keyed message counts only where it can be stored: in a `messages` change for our number.
    const expected = changes.flatMap((c) =>
      // Reactions are not stored as messages of their own (they attach to their target, usually one we do not have).
      c.field === 'messages' && c.ours
        ? c.messages.filter((m) => m.keyed && m.body.type !== 'reaction').map((m) => m.body.id as string)
        : [],
    );
    const payload = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'fuzz-waba',
          changes: changes.flatMap((c) => [
            {
              field: c.field,
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: DISPLAY_NUMBER, phone_number_id: c.ours ? PHONE_NUMBER_ID : '999000111' },
                contacts: c.contacts,
                messages: c.messages.map((m) => m.body),
                statuses: c.statuses,
              },
            },
            ...(c.other ? [c.other] : []),
            ...junk.slice(0, 1),
          ]),
        },
        ...junk.slice(1),
      ],
    };
    let n = 0;
    const raw = JSON.stringify(payload).replaceAll(JSON.stringify(HUGE), () => HUGE_LITERALS[n++ % HUGE_LITERALS.length]!);
    return { raw, expected };
  });
