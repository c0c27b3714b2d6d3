import { describe, expect, it } from 'vitest';
import {
  matchSavedReplies,
  renderSavedReply,
  SAVED_REPLY_FALLBACK_MAX,
  SAVED_REPLY_SHORTCUT_MAX,
  SAVED_REPLY_VARIABLES,
  savedReplyProblems,
  slashQuery,
  ZSavedReplyBody,
  ZSavedReplyShortcut,
  type TSavedReplyContext,
} from './saved-replies';

const sara: TSavedReplyContext = { contact: { firstName: 'Sara', lastName: 'Haddad' }, agent: { name: 'Omar Khalil' } };
const nobody: TSavedReplyContext = { contact: { firstName: null, lastName: null }, agent: { name: null } };

describe('renderSavedReply', () => {
  it.each([
    ['{{contact.first_name}}', 'Sara'],
    ['{{contact.name}}', 'Sara Haddad'],
    ['{{agent.name}}', 'Omar Khalil'],
    ['{{agent.first_name}}', 'Omar'],
    ['{{ contact.first_name }}', 'Sara'],
    ['{{contact.first_name|there}}', 'Sara'],
    ['Hi {{contact.first_name | there}}, {{agent.first_name}} here.', 'Hi Sara, Omar here.'],
    ['{{contact.first_name}} {{contact.first_name}}', 'Sara Sara'],
    ['no variables at all', 'no variables at all'],
    ['', ''],
  ])('fills %j as %j', (body, text) => {
    expect(renderSavedReply(body, sara)).toEqual({ text, missing: [] });
  });

  it('uses the fallback when the value is empty, blank or absent', () => {
    expect(renderSavedReply('Hi {{contact.first_name | there}}!', nobody)).toEqual({ text: 'Hi there!', missing: [] });
    const blank: TSavedReplyContext = { contact: { firstName: '  ', lastName: null }, agent: { name: '   ' } };
    expect(renderSavedReply('{{contact.first_name|friend}} / {{agent.name | the team}}', blank)).toEqual({ text: 'friend / the team', missing: [] });
    expect(renderSavedReply('مرحباً {{contact.first_name | عزيزي العميل}}', nobody).text).toBe('مرحباً عزيزي العميل');
  });

  it('leaves a variable with neither value nor fallback empty and names it once in missing', () => {
    expect(renderSavedReply('Hi {{contact.first_name}}, {{contact.first_name}} and {{agent.name}}', nobody)).toEqual({
      text: 'Hi ,  and ',
      missing: ['contact.first_name', 'agent.name'],
    });
    // An empty fallback is no fallback.
    expect(renderSavedReply('{{contact.name |  }}', nobody)).toEqual({ text: '', missing: ['contact.name'] });
  });

  it('reads a contact with only a last name, and names with extra spaces', () => {
    const lastOnly: TSavedReplyContext = { contact: { firstName: null, lastName: 'Nasser Ali' }, agent: { name: ' Lina ' } };
    expect(renderSavedReply('{{contact.first_name}}|{{contact.name}}|{{agent.first_name}}|{{agent.name}}', lastOnly).text).toBe(
      'Nasser|Nasser Ali|Lina|Lina',
    );
    const spaced: TSavedReplyContext = { contact: { firstName: ' Sara ', lastName: ' ' }, agent: { name: 'Omar' } };
    expect(renderSavedReply('{{contact.name}}', spaced).text).toBe('Sara');
  });

  it('leaves unknown and malformed placeholders as written (only an old reply can hold one)', () => {
    expect(renderSavedReply('{{contact.age}} {{1}} {{ }} {{contact.name', sara).text).toBe('{{contact.age}} {{1}} {{ }} {{contact.name');
  });

  it('takes a fallback literally, Arabic and punctuation included, and never reads it as a variable', () => {
    expect(renderSavedReply('{{agent.name | فريق الدعم، شكراً}}', nobody).text).toBe('فريق الدعم، شكراً');
    expect(renderSavedReply('{{agent.name | $1 & co.}}', nobody).text).toBe('$1 & co.');
  });
});

describe('savedReplyProblems', () => {
  it('accepts every known variable, with or without a fallback', () => {
    for (const variable of SAVED_REPLY_VARIABLES) {
      expect(savedReplyProblems(`{{${variable}}}`)).toEqual([]);
      expect(savedReplyProblems(`{{ ${variable} | x }}`)).toEqual([]);
    }
    expect(savedReplyProblems('Plain text, with a { brace } and a } or {.')).toEqual([]);
  });

  it('names unknown variables, in order', () => {
    expect(savedReplyProblems('{{contact.age}} {{contact.first_name}} {{agent.email | x}}')).toEqual([
      { code: 'unknownVariable', variable: 'contact.age' },
      { code: 'unknownVariable', variable: 'agent.email' },
    ]);
    // Case matters: the syntax is lower-case.
    expect(savedReplyProblems('{{Contact.First_Name}}')).toEqual([{ code: 'malformedVariable', text: '{{Contact.First_Name}}' }]);
  });

  it.each(['{{}}', '{{ }}', '{{1}}', '{{contact first}}', '{{contact.first_name | a | b}}', '{{contact.}}', '{{.name}}', '{{| there}}'])(
    'refuses the malformed placeholder %j',
    (body) => {
      expect(savedReplyProblems(body)).toEqual([{ code: 'malformedVariable', text: body }]);
    },
  );

  it('refuses a line break inside a fallback and braces left open or closed alone', () => {
    expect(savedReplyProblems('{{agent.name | a\nb}}')[0]?.code).toBe('malformedVariable');
    expect(savedReplyProblems('Hi {{contact.first_name')).toEqual([{ code: 'malformedVariable', text: '{{contact.first_name' }]);
    expect(savedReplyProblems('Hi contact.first_name}}')[0]?.code).toBe('malformedVariable');
    // A single brace around a variable is text: `{{{contact.first_name}}}` reads "{Sara}".
    expect(savedReplyProblems('{{{contact.first_name}}}')).toEqual([]);
    expect(renderSavedReply('{{{contact.first_name}}}', sara).text).toBe('{Sara}');
  });

  it('holds a fallback to its length, at the boundary', () => {
    expect(savedReplyProblems(`{{agent.name | ${'x'.repeat(SAVED_REPLY_FALLBACK_MAX)}}}`)).toEqual([]);
    expect(savedReplyProblems(`{{agent.name | ${'x'.repeat(SAVED_REPLY_FALLBACK_MAX + 1)}}}`)).toEqual([
      { code: 'fallbackTooLong', variable: 'agent.name' },
    ]);
  });
});

describe('the schemas', () => {
  const messageOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message ?? null;

  it('checks shortcuts: trimmed, any script, no spaces or slashes, at most the limit', () => {
    expect(ZSavedReplyShortcut.parse('  greeting ')).toBe('greeting');
    expect(ZSavedReplyShortcut.parse('ترحيب')).toBe('ترحيب');
    expect(ZSavedReplyShortcut.parse('refund-2_a')).toBe('refund-2_a');
    expect(messageOf(ZSavedReplyShortcut.safeParse('  '))).toBe('shortcutRequired');
    expect(messageOf(ZSavedReplyShortcut.safeParse('two words'))).toBe('shortcutInvalid');
    expect(messageOf(ZSavedReplyShortcut.safeParse('/greeting'))).toBe('shortcutInvalid');
    expect(ZSavedReplyShortcut.safeParse('x'.repeat(SAVED_REPLY_SHORTCUT_MAX)).success).toBe(true);
    expect(messageOf(ZSavedReplyShortcut.safeParse('x'.repeat(SAVED_REPLY_SHORTCUT_MAX + 1)))).toBe('shortcutTooLong');
  });

  it('checks bodies: required, and variables known', () => {
    expect(messageOf(ZSavedReplyBody.safeParse('   '))).toBe('bodyRequired');
    expect(messageOf(ZSavedReplyBody.safeParse('Hi {{contact.nickname}}'))).toBe('unknownVariable');
    expect(messageOf(ZSavedReplyBody.safeParse('Hi {{contact.first_name'))).toBe('malformedVariable');
    expect(ZSavedReplyBody.parse(' Hi {{contact.first_name | there}} ')).toBe('Hi {{contact.first_name | there}}');
  });
});

describe('matchSavedReplies', () => {
  const replies = [
    { shortcut: 'thanks', body: 'Thank you for waiting.', language: 'en' as const },
    { shortcut: 'hours', body: 'We open at 9.', language: null },
    { shortcut: 'شكر', body: 'شكراً لانتظارك.', language: 'ar' as const },
    { shortcut: 'greeting', body: 'Hello and thanks for writing!', language: 'en' as const },
    { shortcut: 'ترحيب', body: 'أهلاً بك، كيف أساعدك؟', language: 'ar' as const },
  ];
  const shortcuts = (query: string, locale = 'en') => matchSavedReplies(replies, query, locale).map((r) => r.shortcut);

  it('lists everything for an empty query, the interface language (and any) first', () => {
    expect(shortcuts('')).toEqual(['greeting', 'hours', 'thanks', 'ترحيب', 'شكر']);
    expect(shortcuts('', 'ar')).toEqual(['hours', 'ترحيب', 'شكر', 'greeting', 'thanks']);
  });

  it('puts shortcut prefixes before shortcut matches before body matches', () => {
    expect(shortcuts('th')).toEqual(['thanks', 'greeting']);
    expect(shortcuts('THANK')).toEqual(['thanks', 'greeting']);
    expect(shortcuts('ours')).toEqual(['hours']);
    expect(shortcuts('nothing like it')).toEqual([]);
  });

  it('folds Arabic like the inbox search: hamza forms, ta marbuta, diacritics, tatweel', () => {
    expect(shortcuts('اهلا', 'ar')).toEqual(['ترحيب']);
    expect(shortcuts('شـكـرًا', 'ar')).toEqual(['شكر']);
    expect(shortcuts('انتظارك')).toEqual(['شكر']);
  });

  it('keeps the given order among equals and does not change its input', () => {
    const twins = [
      { shortcut: 'a', body: '1', language: null },
      { shortcut: 'a', body: '2', language: null },
    ];
    expect(matchSavedReplies(twins, '', 'en').map((r) => r.body)).toEqual(['1', '2']);
    expect(twins.map((r) => r.body)).toEqual(['1', '2']);
  });
});

describe('slashQuery', () => {
  it.each([
    ['/', ''],
    ['/gree', 'gree'],
    ['/ترحيب', 'ترحيب'],
    ['hello', null],
    [' /gree', null],
    ['/gree ', null],
    ['/a/b', null],
    ['', null],
    ['text /gree', null],
  ])('reads %j as %j', (text, query) => {
    expect(slashQuery(text)).toBe(query);
  });
});
