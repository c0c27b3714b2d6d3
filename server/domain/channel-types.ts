export const CHANNEL_TYPES = ['whatsapp', 'messenger', 'instagram', 'viber', 'telegram', 'line', 'webchat', 'sms', 'email'] as const;
export type TChannelType = (typeof CHANNEL_TYPES)[number];
