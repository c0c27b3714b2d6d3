import { z } from 'zod';
import { logger } from '@/server/logger';
import { secretsKey } from '@/server/secrets/key';
import { isSealed, open, seal } from '@/server/secrets/seal';

/** A WhatsApp channel's settings as the code uses them (secrets in plaintext: never stored, never sent to a browser). */
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

/** The fields of channels.config stored sealed (server/secrets/seal.ts); each is sealed with its name as context. */
export const SEALED_FIELDS = ['accessToken', 'appSecret'] as const;

/**
 * THE reader of a stored WhatsApp config (channels.config): validates it and opens its sealed secrets. Every use of
 * a channel's credentials (sends, the webhook's signature check, sync, the local fake's deliveries, the simulator)
 * goes through here. null: not a WhatsApp Cloud API config. A value still in plaintext (installs from before
 * sealing, until the boot pass seals it: server/services/channels/seal-stored.ts) is taken as it is. A value that
 * does not open (another SECRETS_KEY, tampered) throws: a number must not quietly fall back to the simulator.
 */
export function openWhatsAppConfig(stored: unknown): TWhatsAppConfig | null {
  const parsed = ZWhatsAppConfig.safeParse(stored);
  if (!parsed.success) return null;
  const config = { ...parsed.data };
  for (const field of SEALED_FIELDS) {
    const value = config[field];
    if (!isSealed(value)) continue;
    try {
      config[field] = open(value, secretsKey(), field);
    } catch (error) {
      logger.error({ phoneNumberId: config.phoneNumberId, field, reason: (error as Error).message }, 'a channel secret did not open');
      throw error;
    }
  }
  return config;
}

/** A config as it is stored: its secrets sealed (values sealed already stay as they are). */
export function sealWhatsAppConfig(config: Record<string, unknown>): Record<string, unknown> {
  const stored = { ...config };
  for (const field of SEALED_FIELDS) {
    const value = stored[field];
    if (typeof value === 'string' && value !== '' && !isSealed(value)) stored[field] = seal(value, secretsKey(), field);
  }
  return stored;
}

/** Whether a stored config still holds a secret in plaintext. */
export function hasPlaintextSecret(stored: unknown): boolean {
  if (!stored || typeof stored !== 'object') return false;
  return SEALED_FIELDS.some((field) => {
    const value = (stored as Record<string, unknown>)[field];
    return typeof value === 'string' && value !== '' && !isSealed(value);
  });
}

/** The last four characters of a secret, for "••••1234" (never more). Short secrets show only that they are set. */
export function secretHint(value: string): string {
  return value.length >= 12 ? value.slice(-4) : '';
}
