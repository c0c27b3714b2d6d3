import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import ar from './catalogs/ar.json';
import en from './catalogs/en.json';
import { GRAPH_ERRORS } from '@/server/channels/whatsapp/graph-errors';
import { ERROR_CODES } from '@/server/errors';
import { AUDIT_ACTIONS } from '@/server/domain/audit';

const at = (catalog: unknown, key: string) => key.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], catalog);

/** The placeholders an ICU message names ({actor}, {n, plural, ...}), with their kind, including those inside branches. */
function placeholders(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time)
      found.add(`${element.value}:${element.type}`);
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      found.add(`${element.value}:${element.type}`);
      for (const option of Object.values(element.options)) placeholders(option.value, found);
    }
    if (element.type === TYPE.tag) placeholders(element.children, found);
  }
  return found;
}

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('message catalogs', () => {
  it('have exactly the same keys in English and Arabic', () => {
    expect(keys(ar).sort()).toEqual(keys(en).sort());
  });

  it('translate every error code the server can send', () => {
    for (const code of Object.keys(ERROR_CODES)) {
      expect(en.errors).toHaveProperty(code);
      expect(ar.errors).toHaveProperty(code);
    }
  });

  it('name the same ICU placeholders in English and Arabic, and every message parses', () => {
    const mismatched = keys(en).filter((key) => {
      const english = [...placeholders(parse(String(at(en, key))))].sort();
      const arabic = [...placeholders(parse(String(at(ar, key))))].sort();
      return JSON.stringify(english) !== JSON.stringify(arabic);
    });
    expect(mismatched).toEqual([]);
  });

  it('say every WhatsApp error code, and the codes our own adapters use, in words', () => {
    const ours = ['TIMEOUT', 'HTTP_5XX', 'ADAPTER_ERROR', 'NO_MESSAGE_ID', 'SIM_REJECTED', 'SIM_UNAVAILABLE'];
    for (const code of [...Object.keys(GRAPH_ERRORS), ...ours]) {
      expect(en.deliveryErrors).toHaveProperty(code);
      expect(ar.deliveryErrors).toHaveProperty(code);
    }
  });

  it('say every audited act in words', () => {
    for (const action of AUDIT_ACTIONS) {
      // Nested as the action reads (`channel.connected` → actions.channel.connected), as next-intl looks it up.
      expect(typeof at(en.audit.actions, action)).toBe('string');
      expect(typeof at(ar.audit.actions, action)).toBe('string');
    }
  });

  it('leave no Arabic string empty or identical to English, except names of languages and formats', () => {
    const english = new Map(keys(en).map((k) => [k, k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en)]));
    const same = keys(ar).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], ar) === english.get(k));
    expect(same.sort()).toEqual(['account.arabic', 'account.english', 'window.ms']);
  });
});
