import { z } from 'zod';

/**
 * Meta's `pricing` object on status webhooks (sent, and one of delivered/read): what Meta itself says a message
 * cost. `type` is `regular` (billable), `free_customer_service` or `free_entry_point`; `billable` is to be
 * deprecated, so the month's spend (services/pricing/spend.ts) reads `type` first. Unknown values are kept as strings, never refused.
 */
export const ZMetaPricing = z.looseObject({
  billable: z.boolean().optional().catch(undefined),
  pricing_model: z.string().max(40).optional().catch(undefined),
  type: z.string().max(60).optional().catch(undefined),
  category: z.string().max(60).optional().catch(undefined),
});

export type TMetaPricing = { billable: boolean | null; pricingModel: string | null; type: string | null; category: string | null };

/** The stored form, or null when the webhook carried nothing worth storing. */
export function metaPricing(raw: unknown): TMetaPricing | null {
  const parsed = ZMetaPricing.safeParse(raw);
  if (!parsed.success) return null;
  const { billable, pricing_model, type, category } = parsed.data;
  if (billable === undefined && !pricing_model && !type && !category) return null;
  return { billable: billable ?? null, pricingModel: pricing_model ?? null, type: type ?? null, category: category ?? null };
}
