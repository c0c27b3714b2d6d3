import { describe, expect, it } from 'vitest';
import { CHANNEL_TYPES } from './channel-types';
import { graphRefusal, SIMULATOR_CHANNEL_TYPES, ZConnectWhatsAppInput } from './channel-settings';

describe('the connect form', () => {
  const good = { phoneNumberId: '123456789012345', wabaId: '98765432101', accessToken: 'EAAGm0PX4ZCpsBA', appSecret: '0123456789abcdef' };
  it('accepts Meta-shaped ids and secrets (trimmed)', () => {
    expect(ZConnectWhatsAppInput.parse({ ...good, accessToken: `  ${good.accessToken} ` }).accessToken).toBe(good.accessToken);
  });
  it.each([
    ['phoneNumberId', { phoneNumberId: '12ab' }],
    ['phoneNumberId', { phoneNumberId: '1234' }],
    ['wabaId', { wabaId: '' }],
    ['accessToken', { accessToken: 'EAA with spaces' }],
    ['accessToken', { accessToken: 'short' }],
    ['appSecret', { appSecret: 'x'.repeat(257) }],
  ])('refuses a bad %s with its own message key', (field, patch) => {
    const result = ZConnectWhatsAppInput.safeParse({ ...good, ...patch });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: [field], message: field });
  });
});

describe('Meta’s refusals in words', () => {
  it.each([
    [190, false, 'number', 'graphInvalidToken'],
    [100, false, 'number', 'graphUnknownNumber'],
    [100, false, 'waba', 'graphUnknownWaba'],
    [10, false, 'number', 'graphMissingPermission'],
    [200, false, 'waba', 'graphMissingPermission'],
    [null, true, 'number', 'graphUnreachable'],
    [131000, false, 'number', 'graphRefused'],
    [null, false, 'number', 'graphRefused'],
  ] as const)('code %s (unreachable %s, %s) → %s', (code, unreachable, node, words) => {
    expect(graphRefusal(code, unreachable, node)).toBe(words);
  });
});

it('simulator channels are every type but WhatsApp', () => {
  expect([...SIMULATOR_CHANNEL_TYPES].sort()).toEqual(CHANNEL_TYPES.filter((t) => t !== 'whatsapp').sort());
});
