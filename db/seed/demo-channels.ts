import type { TChannelType } from '@/server/domain/channel-types';

/** Where the demo's WhatsApp numbers send: the local Graph API fake, so the real adapter code runs in the demo. */
export const DEMO_GRAPH_BASE_PATH = '/dev/graph';

export type TDemoChannel = {
  key: string;
  type: TChannelType;
  name: string;
  externalId: string;
  config: Record<string, unknown>;
  health?: {
    displayPhoneNumber: string;
    verifiedName: string;
    qualityRating: 'GREEN' | 'YELLOW' | 'RED';
    status: string;
    tier: string;
    limit: number | null;
  };
};

function whatsapp(key: string, name: string, phoneNumberId: string, display: string, health: TDemoChannel['health']): TDemoChannel {
  return {
    key,
    type: 'whatsapp',
    name,
    externalId: phoneNumberId,
    config: {
      phoneNumberId,
      wabaId: '102290129340398',
      displayPhoneNumber: display,
      accessToken: `demo-token-${key}`,
      appSecret: `demo-app-secret-${key}`,
      verifyToken: `demo-verify-${key}`,
      apiVersion: 'v24.0',
      graphBaseUrl: null, // null: the app's own fake at DEMO_GRAPH_BASE_PATH
    },
    health,
  };
}

export const DEMO_CHANNELS: TDemoChannel[] = [
  whatsapp('wa-riyadh', 'WhatsApp · Riyadh', '106540352242922', '+966 11 510 2030', {
    displayPhoneNumber: '966115102030',
    verifiedName: 'Nafidha Riyadh',
    qualityRating: 'GREEN',
    status: 'CONNECTED',
    tier: 'TIER_10K',
    limit: 10_000,
  }),
  whatsapp('wa-jeddah', 'WhatsApp · Jeddah', '106540352242923', '+966 12 640 7788', {
    displayPhoneNumber: '966126407788',
    verifiedName: 'Nafidha Jeddah',
    qualityRating: 'YELLOW',
    status: 'FLAGGED',
    tier: 'TIER_2K',
    limit: 2_000,
  }),
  whatsapp('wa-dubai', 'WhatsApp · Dubai', '106540352242924', '+971 4 320 1122', {
    displayPhoneNumber: '97143201122',
    verifiedName: 'Nafidha Dubai',
    qualityRating: 'RED',
    status: 'RESTRICTED',
    tier: 'TIER_250',
    limit: 250,
  }),
  { key: 'messenger', type: 'messenger', name: 'Messenger · Nafidha Store', externalId: 'page-100200300', config: { pageId: '100200300' } },
  {
    key: 'instagram',
    type: 'instagram',
    name: 'Instagram · @nafidha.store',
    externalId: 'ig-17841400000',
    config: { igUserId: '17841400000' },
  },
  { key: 'viber', type: 'viber', name: 'Viber · Nafidha', externalId: 'viber-nafidha', config: { botName: 'Nafidha' } },
  { key: 'telegram', type: 'telegram', name: 'Telegram · @NafidhaBot', externalId: 'tg-7000001', config: { botUsername: 'NafidhaBot' } },
  { key: 'line', type: 'line', name: 'LINE · Nafidha', externalId: 'line-U1000', config: { channelId: '1650000000' } },
  { key: 'webchat', type: 'webchat', name: 'Website chat', externalId: 'webchat-main', config: { siteUrl: 'https://nafidha.test' } },
  { key: 'sms', type: 'sms', name: 'SMS · +966 50 000 1234', externalId: 'sms-966500001234', config: { from: '+966500001234' } },
  {
    key: 'email',
    type: 'email',
    name: 'Email · support@nafidha.test',
    externalId: 'email-support',
    config: { address: 'support@nafidha.test' },
  },
];
