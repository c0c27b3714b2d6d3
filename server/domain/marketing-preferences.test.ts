import { describe, expect, it } from 'vitest';
import { templateRefusedFor } from './marketing-preferences';
import { TEMPLATE_CATEGORIES } from './templates';

describe('templateRefusedFor', () => {
  it('refuses only marketing templates, and only to a customer who stopped them', () => {
    const stopped = new Date('2026-11-01T10:00:00Z');
    for (const category of TEMPLATE_CATEGORIES) {
      expect(templateRefusedFor(category, null)).toBeNull();
      expect(templateRefusedFor(category, stopped)).toBe(category === 'MARKETING' ? 'MARKETING_OPTED_OUT' : null);
      expect(templateRefusedFor(category, stopped.toISOString())).toBe(category === 'MARKETING' ? 'MARKETING_OPTED_OUT' : null);
    }
  });
});
