import type { TChannelType } from '@/server/domain/channel-types';
import type { TChannelAdapter } from './adapter';
import { simulatorAdapter } from './simulator/adapter';
import { whatsappAdapter } from './whatsapp/adapter';
import { ZWhatsAppConfig } from './whatsapp/config';

/**
 * The adapter that delivers for a channel: the real one where the channel has credentials for it (WhatsApp Cloud
 * API), the simulator otherwise (every other type today, and WhatsApp channels not connected to Meta).
 */
export function adapterFor(type: TChannelType, config: Record<string, unknown> = {}): TChannelAdapter {
  if (type === 'whatsapp' && ZWhatsAppConfig.safeParse(config).success) return whatsappAdapter;
  return simulatorAdapter;
}
