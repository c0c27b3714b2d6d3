import type { TTemplateCategory, TTemplateParameterFormat } from '@/server/domain/templates';

/** WhatsApp templates in Meta's own shape, as a template sync would store them. */
export type TDemoTemplate = {
  name: string;
  language: string;
  category: TTemplateCategory;
  status: string;
  parameterFormat: TTemplateParameterFormat;
  components: Record<string, unknown>[];
  rejectedReason?: string;
};

export const DEMO_TEMPLATES: TDemoTemplate[] = [
  {
    name: 'order_update',
    language: 'en',
    category: 'UTILITY',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      {
        type: 'BODY',
        text: 'Hi {{1}}, your order {{2}} has shipped and will arrive on {{3}}.',
        example: { body_text: [['Sara', 'A-1187', '12 May']] },
      },
      { type: 'FOOTER', text: 'Nafidha Store' },
    ],
  },
  {
    name: 'order_update',
    language: 'ar',
    category: 'UTILITY',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      {
        type: 'BODY',
        text: 'مرحباً {{1}}، تم شحن طلبك رقم {{2}} وسيصل بتاريخ {{3}}.',
        example: { body_text: [['سارة', 'A-1187', '١٢ مايو']] },
      },
    ],
  },
  {
    name: 'follow_up',
    language: 'en',
    category: 'UTILITY',
    status: 'APPROVED',
    parameterFormat: 'NAMED',
    components: [
      {
        type: 'BODY',
        text: 'Hello {{customer_name}}, we are following up on your request about {{topic}}. Reply to this message to continue.',
        example: {
          body_text_named_params: [
            { param_name: 'customer_name', example: 'Omar' },
            { param_name: 'topic', example: 'your refund' },
          ],
        },
      },
    ],
  },
  {
    name: 'follow_up',
    language: 'ar',
    category: 'UTILITY',
    status: 'APPROVED',
    parameterFormat: 'NAMED',
    components: [
      {
        type: 'BODY',
        text: 'أهلاً {{customer_name}}، نتابع معك طلبك بخصوص {{topic}}. ردّ على هذه الرسالة لمتابعة المحادثة.',
        example: {
          body_text_named_params: [
            { param_name: 'customer_name', example: 'عمر' },
            { param_name: 'topic', example: 'الاسترجاع' },
          ],
        },
      },
    ],
  },
  {
    name: 'still_there',
    language: 'en',
    category: 'UTILITY',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [{ type: 'BODY', text: 'Hi! We are here if you still need help with your request. Just reply to this message.' }],
  },
  {
    name: 'summer_offer',
    language: 'en',
    category: 'MARKETING',
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Act fast, {{1}}!', example: { header_text: ['Pablo'] } },
      { type: 'BODY', text: 'Your exclusive code {{1}} expires in {{2}} days.', example: { body_text: [['SUMMER20', '10']] } },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Unsubscribe' }] },
    ],
  },
  {
    name: 'appointment_reminder',
    language: 'en',
    category: 'UTILITY',
    status: 'PENDING',
    parameterFormat: 'POSITIONAL',
    components: [{ type: 'BODY', text: 'Reminder: your appointment is on {{1}} at {{2}}.' }],
  },
  {
    name: 'black_friday',
    language: 'ar',
    category: 'MARKETING',
    status: 'REJECTED',
    parameterFormat: 'POSITIONAL',
    components: [{ type: 'BODY', text: 'خصم {{1}}{{2}} على كل المنتجات!' }],
    rejectedReason: 'INVALID_FORMAT',
  },
];

/** Meta's id of the i-th demo template (one WABA holds them all, so every demo number shares them). */
export const demoTemplateId = (index: number) => String(1_689_556_908_129_800 + index);

/** A demo template as Meta's Graph API lists it (what the local fake answers for the number's WABA). */
export function templateAsMetaLists(t: TDemoTemplate, id: string) {
  return {
    id,
    name: t.name,
    language: t.language,
    status: t.status,
    category: t.category,
    parameter_format: t.parameterFormat,
    components: t.components,
    ...(t.status === 'APPROVED' ? { quality_score: { score: 'GREEN' } } : {}),
    ...(t.rejectedReason ? { rejected_reason: t.rejectedReason } : {}),
  };
}
