import type { TTemplateCategory } from './templates';

/**
 * A customer who stopped marketing messages gets no marketing template; utility and authentication templates still
 * go (Meta's user_preferences: the stop is about marketing only). The one rule, for the send and the picker.
 */
export function templateRefusedFor(category: TTemplateCategory, marketingOptOutAt: Date | string | null): 'MARKETING_OPTED_OUT' | null {
  return category === 'MARKETING' && marketingOptOutAt !== null ? 'MARKETING_OPTED_OUT' : null;
}
