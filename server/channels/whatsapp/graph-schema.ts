import { z } from 'zod';
import { TEMPLATE_CATEGORIES, TEMPLATE_PARAMETER_FORMATS } from '@/server/domain/templates';

/** Fields a health check asks a number for (the set Meta documents for v24+). */
export const NUMBER_HEALTH_FIELDS = [
  'id',
  'display_phone_number',
  'verified_name',
  'quality_rating',
  'status',
  'name_status',
  'code_verification_status',
  'whatsapp_business_manager_messaging_limit',
  'messaging_limit_tier',
  'throughput',
  'platform_type',
  'account_mode',
].join(',');

/** `GET /{phone_number_id}?fields=…`: everything optional, unknown fields kept out. */
export const ZGraphNumber = z.looseObject({
  id: z.string(),
  display_phone_number: z.string().optional(),
  verified_name: z.string().optional(),
  quality_rating: z.string().optional(),
  status: z.string().optional(),
  name_status: z.string().optional(),
  code_verification_status: z.string().optional(),
  account_mode: z.string().optional(),
  whatsapp_business_manager_messaging_limit: z.string().optional(),
  messaging_limit_tier: z.string().optional(),
  throughput: z.looseObject({ level: z.string() }).optional(),
});

/** `GET /{waba_id}?fields=owner_business_info`: the business portfolio the WABA belongs to. */
export const ZGraphWabaOwner = z.looseObject({
  owner_business_info: z.looseObject({ id: z.union([z.string().min(1).max(64), z.number().transform(String)]) }).optional(),
});

/** One template as `GET /{waba_id}/message_templates` lists it. */
export const ZGraphTemplate = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string().min(1),
  language: z.string().min(1),
  status: z.string().min(1),
  category: z
    .string()
    .transform((c) => c.toUpperCase())
    .pipe(z.enum(TEMPLATE_CATEGORIES)),
  parameter_format: z
    .string()
    .transform((f) => f.toUpperCase())
    .pipe(z.enum(TEMPLATE_PARAMETER_FORMATS))
    .optional(),
  components: z.array(z.looseObject({ type: z.string() })).default([]),
  quality_score: z.looseObject({ score: z.string() }).optional(),
  rejected_reason: z.string().optional(),
});
export type TGraphTemplate = z.infer<typeof ZGraphTemplate>;

export const ZGraphTemplatePage = z.looseObject({
  data: z.array(z.unknown()),
  paging: z.looseObject({ cursors: z.looseObject({ after: z.string().optional() }).optional(), next: z.string().optional() }).optional(),
});

/** `message_template_status_update`: the template id is an integer in the payload. */
export const ZTemplateStatusUpdate = z.looseObject({
  event: z.string().min(1),
  message_template_id: z.union([z.string(), z.number()]).transform(String),
  message_template_name: z.string().optional(),
  message_template_language: z.string().optional(),
  reason: z.string().nullable().optional(),
  rejection_info: z.looseObject({ reason: z.string().optional() }).optional(),
});

/** `message_template_quality_update` (Meta's own example mislabels its field, so it is recognised by its keys). */
export const ZTemplateQualityUpdate = z.looseObject({
  message_template_id: z.union([z.string(), z.number()]).transform(String),
  new_quality_score: z.string().min(1),
  previous_quality_score: z.string().optional(),
  message_template_name: z.string().optional(),
  message_template_language: z.string().optional(),
});

/**
 * `template_category_update` (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/
 * template_category_update): Meta moved a template to another category (e.g. UTILITY → MARKETING), which changes
 * what it costs and when it is free. Recognised by `new_category`.
 */
export const ZTemplateCategoryUpdate = z.looseObject({
  message_template_id: z.union([z.string(), z.number()]).transform(String),
  new_category: z.string().min(1),
  previous_category: z.string().optional(),
  message_template_name: z.string().optional(),
  message_template_language: z.string().optional(),
});
