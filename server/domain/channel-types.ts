export const CHANNEL_TYPES = ['whatsapp', 'messenger', 'instagram', 'viber', 'telegram', 'line', 'webchat', 'sms', 'email'] as const;
export type TChannelType = (typeof CHANNEL_TYPES)[number];

/**
 * needs_attention: the provider reported a problem an admin must look at; disabled: switched off; disconnected: an
 * admin disconnected it (Settings → Channels): nothing is sent or received, its history stays, it can be reconnected.
 */
export const CHANNEL_STATUSES = ['active', 'needs_attention', 'disabled', 'disconnected'] as const;
export type TChannelStatus = (typeof CHANNEL_STATUSES)[number];
