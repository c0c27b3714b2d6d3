import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZInboxQuery, inboxQueryFromParams } from './inbox-query';
import { isUuid } from './limits';

const cases = [
  '0f8fad5b-d9cb-469f-a165-70867728950e',
  '0F8FAD5B-D9CB-469F-A165-70867728950E',
  '00000000-0000-0000-0000-000000000000',
  // Hex 8-4-4-4-12 but no RFC version: the old team-view regex accepted it while the team filter refused it.
  '22222222-2222-2222-2222-222222222222',
  '0f8fad5b-d9cb-969f-a165-70867728950e',
  '0f8fad5b-d9cb-469f-c165-70867728950e',
  '0f8fad5b-d9cb-469f-a165-70867728950',
  '0f8fad5bd9cb469fa16570867728950e',
  'team:0f8fad5b-d9cb-469f-a165-70867728950e',
  '',
];

describe('isUuid', () => {
  it.each(cases)('agrees with every z.uuid() input: %s', (value) => {
    expect(isUuid(value)).toBe(z.uuid().safeParse(value).success);
  });

  it.each(cases)('a team view and the team filter accept the same ids: %s', (id) => {
    expect(ZInboxQuery.safeParse({ view: `team:${id}` }).success).toBe(ZInboxQuery.safeParse({ team: id }).success);
  });

  it('falls back to Mine for a team view link with a malformed id', () => {
    expect(inboxQueryFromParams(new URLSearchParams('view=team:22222222-2222-2222-2222-222222222222')).view).toBe('mine');
    expect(inboxQueryFromParams(new URLSearchParams('view=team:0f8fad5b-d9cb-469f-a165-70867728950e')).view).toBe(
      'team:0f8fad5b-d9cb-469f-a165-70867728950e',
    );
  });
});
