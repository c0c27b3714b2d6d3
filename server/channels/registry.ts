import type { TChannelType } from '@/server/domain/channel-types';
import type { TChannelAdapter } from './adapter';
import { simulatorAdapter } from './simulator/adapter';

/** The adapter that delivers for a channel type. Real providers plug in here as they are built. */
export function adapterFor(_type: TChannelType): TChannelAdapter {
  return simulatorAdapter;
}
