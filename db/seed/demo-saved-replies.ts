import type { TSavedReplyLanguage } from '@/server/domain/saved-replies';

/** The demo workspace's saved replies, in English and Arabic, using every variable and a fallback. */
export const DEMO_SAVED_REPLIES: { shortcut: string; body: string; language: TSavedReplyLanguage | null }[] = [
  {
    shortcut: 'greeting',
    body: 'Hi {{contact.first_name | there}}, this is {{agent.first_name}} from Nafidha Store. How can I help you today?',
    language: 'en',
  },
  {
    shortcut: 'thanks',
    body: 'Thank you for your patience, {{contact.first_name | there}}. Is there anything else I can help with?',
    language: 'en',
  },
  {
    shortcut: 'shipping',
    body: 'Orders ship within 2 working days, and delivery inside Saudi Arabia takes 3 to 5 days. You will get a tracking link by WhatsApp.',
    language: 'en',
  },
  {
    shortcut: 'ترحيب',
    body: 'أهلاً {{contact.first_name | بك}}، معك {{agent.first_name}} من متجر نافذة. كيف أقدر أساعدك اليوم؟',
    language: 'ar',
  },
  {
    shortcut: 'شكرا',
    body: 'شكراً لصبرك يا {{contact.first_name | عزيزنا}}. هل أستطيع مساعدتك في شيء آخر؟',
    language: 'ar',
  },
  {
    shortcut: 'hours',
    body: 'Working hours: Sunday to Thursday, 9:00–18:00 (Riyadh). ساعات العمل: من الأحد إلى الخميس، ٩:٠٠–١٨:٠٠ (الرياض).',
    language: null,
  },
];
