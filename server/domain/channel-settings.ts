import { z } from 'zod';
import type { TChannelType } from './channel-types';

/**
 * What an admin types on Settings → Channels, checked the same way in the form and at the server. Each message is a
 * key of the catalogs' `settingsChannels.validation`, so the browser says it in the reader's language.
 */
const secretText = (key: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min, key)
    .max(max, key)
    .regex(/^\S+$/, key);

/** Meta's ids are numbers of up to about 20 digits. */
const graphId = (key: string) => z.string().trim().regex(/^\d{5,20}$/, key);

export const CHANNEL_NAME_MAX = 80;
const channelName = z.string().trim().min(1, 'name').max(CHANNEL_NAME_MAX, 'name');

export const ZAccessToken = secretText('accessToken', 8, 2048);
export const ZAppSecret = secretText('appSecret', 8, 256);

export const ZConnectWhatsAppInput = z.object({
  phoneNumberId: graphId('phoneNumberId'),
  wabaId: graphId('wabaId'),
  accessToken: ZAccessToken,
  appSecret: ZAppSecret,
  /** Unset: the number's verified name, or its display number. */
  name: channelName.optional(),
});
export type TConnectWhatsAppInput = z.output<typeof ZConnectWhatsAppInput>;

export const ZChannelRef = z.object({ channelId: z.uuid() });
/**
 * `from`: the value the admin saw when they started editing. When someone changed it meanwhile the change is refused
 * as a conflict instead of silently overwriting theirs.
 */
export const ZRenameChannelInput = ZChannelRef.extend({ name: channelName, from: z.string().optional() });
export const ZRotateTokenInput = ZChannelRef.extend({ accessToken: ZAccessToken, appSecret: ZAppSecret.optional() });
export const ZDefaultTeamInput = ZChannelRef.extend({ teamId: z.uuid().nullable(), from: z.uuid().nullable().optional() });

/** Types that may be added as simulator channels: every type but WhatsApp (whose numbers are connected for real). */
export const SIMULATOR_CHANNEL_TYPES = ['messenger', 'instagram', 'viber', 'telegram', 'line', 'webchat', 'sms', 'email'] as const satisfies readonly Exclude<
  TChannelType,
  'whatsapp'
>[];
export const ZAddSimulatorChannelInput = z.object({ type: z.enum(SIMULATOR_CHANNEL_TYPES, 'type'), name: channelName });

export type TRenameChannelInput = z.output<typeof ZRenameChannelInput>;
export type TRotateTokenInput = z.output<typeof ZRotateTokenInput>;
export type TDefaultTeamInput = z.output<typeof ZDefaultTeamInput>;
export type TAddSimulatorChannelInput = z.output<typeof ZAddSimulatorChannelInput>;

/** The path Meta posts a number's webhooks to (server/http/whatsapp-webhook.ts), by its phone number id. */
export function whatsappWebhookPath(phoneNumberId: string): string {
  return `/api/webhooks/whatsapp/${phoneNumberId}`;
}

/** What the Graph API's refusal means to the admin connecting a number: a key of the catalogs' `errorDetails`. */
export type TGraphRefusal = 'graphInvalidToken' | 'graphUnknownNumber' | 'graphUnknownWaba' | 'graphMissingPermission' | 'graphUnreachable' | 'graphRefused';

export function graphRefusal(code: number | null, unreachable: boolean, node: 'number' | 'waba'): TGraphRefusal {
  if (code === 190 || code === 102 || code === 463 || code === 467) return 'graphInvalidToken';
  if (code === 100 || code === 803) return node === 'number' ? 'graphUnknownNumber' : 'graphUnknownWaba';
  if (code === 10 || code === 200 || code === 3 || (code !== null && code > 200 && code < 300)) return 'graphMissingPermission';
  if (code === null && unreachable) return 'graphUnreachable';
  return 'graphRefused';
}
