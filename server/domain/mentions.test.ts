import { describe, expect, it } from 'vitest';
import { activeMention, encodeMentions, matchTeammates, mentionsAsNames, mentionToken, parseMentionIds, splitMentions } from './mentions';
import { normalizeSearchText } from './search-normalize';

const SARA = { id: '11111111-1111-4111-8111-111111111111', name: 'Sara' };
const SARA_ALI = { id: '22222222-2222-4222-8222-222222222222', name: 'Sara Ali' };
const RANA = { id: '33333333-3333-4333-8333-333333333333', name: 'رنا القحطاني' };

describe('parseMentionIds', () => {
  it('reads each token once, in order, lower-cased', () => {
    const text = `${mentionToken(SARA.id)} and <@${RANA.id.toUpperCase()}> then ${mentionToken(SARA.id)} again`;
    expect(parseMentionIds(text)).toEqual([SARA.id, RANA.id]);
  });
  it('ignores anything that is not a whole token: a bare @name, a broken uuid, an email', () => {
    expect(parseMentionIds('@Sara, <@1234>, sara@example.com, <@11111111-1111-4111-8111-11111111111>, <11111111-1111-4111-8111-111111111111>')).toEqual([]);
    expect(parseMentionIds('')).toEqual([]);
  });
  it('is not confused by a previous call (no shared regex state)', () => {
    const text = mentionToken(SARA.id);
    expect(parseMentionIds(text)).toEqual([SARA.id]);
    expect(parseMentionIds(text)).toEqual([SARA.id]);
  });
});

describe('encodeMentions (the composer’s visible text to the sent text)', () => {
  it('turns each chosen @Name into its token, every occurrence', () => {
    expect(encodeMentions('@Sara please look, @Sara', [SARA])).toBe(`${mentionToken(SARA.id)} please look, ${mentionToken(SARA.id)}`);
  });
  it('prefers the longer name, so "@Sara Ali" is not "@Sara" + " Ali"', () => {
    expect(encodeMentions('@Sara Ali and @Sara', [SARA, SARA_ALI])).toBe(`${mentionToken(SARA_ALI.id)} and ${mentionToken(SARA.id)}`);
  });
  it('only whole names that start a word: not "@Sarah", not "x@Sara"', () => {
    expect(encodeMentions('@Sarah x@Sara', [SARA])).toBe('@Sarah x@Sara');
    expect(encodeMentions('(@Sara)', [SARA])).toBe('(@Sara)');
    expect(encodeMentions('@Sara.', [SARA])).toBe(`${mentionToken(SARA.id)}.`);
  });
  it('works for Arabic names, and leaves text alone when nobody was chosen', () => {
    expect(encodeMentions('شكرًا @رنا القحطاني', [RANA])).toBe(`شكرًا ${mentionToken(RANA.id)}`);
    expect(encodeMentions('@Sara hi', [])).toBe('@Sara hi');
  });
  it('round-trips through parse and names', () => {
    const sent = encodeMentions('@Sara Ali, see @رنا القحطاني', [SARA_ALI, RANA]);
    expect(parseMentionIds(sent)).toEqual([SARA_ALI.id, RANA.id]);
    expect(mentionsAsNames(sent, [SARA_ALI, RANA])).toBe('@Sara Ali, see @رنا القحطاني');
  });
});

describe('splitMentions', () => {
  it('cuts text into runs and mentions, a token of nobody recorded as no one', () => {
    const text = `hi ${mentionToken(SARA.id)}, <@${SARA_ALI.id}>`;
    expect(splitMentions(text, [SARA])).toEqual([
      { text: 'hi ' },
      { id: SARA.id, mention: SARA },
      { text: ', ' },
      { id: SARA_ALI.id, mention: null },
    ]);
    expect(splitMentions('plain', [])).toEqual([{ text: 'plain' }]);
    expect(mentionsAsNames(`<@${SARA_ALI.id}>`, [])).toBe('@…');
  });
});

describe('activeMention', () => {
  it('finds the query after an @ that starts a word, up to the caret', () => {
    expect(activeMention('@', 1)).toEqual({ start: 0, query: '' });
    expect(activeMention('hello @Sa', 9)).toEqual({ start: 6, query: 'Sa' });
    expect(activeMention('hello\n@Sa', 9)).toEqual({ start: 6, query: 'Sa' });
    expect(activeMention('@Sara Ali', 9)).toEqual({ start: 0, query: 'Sara Ali' });
  });
  it('is none inside an email, after a line break, without an @, or with a long run', () => {
    expect(activeMention('me@ex', 5)).toBeNull();
    expect(activeMention('@Sa\nra', 6)).toBeNull();
    expect(activeMention('hello', 5)).toBeNull();
    expect(activeMention(`@${'a'.repeat(41)}`, 42)).toBeNull();
    expect(activeMention(`@${'a'.repeat(40)}`, 41)).toEqual({ start: 0, query: 'a'.repeat(40) });
  });
  it('reads only what is before the caret', () => {
    expect(activeMention('@Sa and more', 3)).toEqual({ start: 0, query: 'Sa' });
  });
});

describe('matchTeammates', () => {
  const people = [SARA_ALI, { id: 'x', name: 'Ali Hassan' }, RANA, SARA];
  it('puts names whose word starts with the query before those only containing it', () => {
    expect(matchTeammates(people, 'ali', normalizeSearchText).map((p) => p.name)).toEqual(['Sara Ali', 'Ali Hassan']);
    expect(matchTeammates(people, 'ar', normalizeSearchText).map((p) => p.name)).toEqual(['Sara Ali', 'Sara']);
  });
  it('folds Arabic letter variants like search does, and an empty query offers everyone', () => {
    expect(matchTeammates(people, 'القحطانى', normalizeSearchText)).toEqual([RANA]);
    expect(matchTeammates(people, ' ', normalizeSearchText)).toEqual(people);
  });
});
