import { z } from 'zod';

/** A WhatsApp channel's settings, stored in channels.config. */
export const ZWhatsAppConfig = z.looseObject({
  phoneNumberId: z.string().min(1),
  wabaId: z.string().optional(),
  displayPhoneNumber: z.string().optional(),
  accessToken: z.string().min(1),
  appSecret: z.string().min(1),
  verifyToken: z.string().min(1),
  apiVersion: z.string().default('v24.0'),
  graphBaseUrl: z.string().nullable().optional(),
  /** How long one Graph API call may take (tests shorten it). */
  requestTimeoutMs: z.number().int().positive().optional(),
});
export type TWhatsAppConfig = z.infer<typeof ZWhatsAppConfig>;
