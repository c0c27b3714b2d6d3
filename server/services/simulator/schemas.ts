import { z } from 'zod';
import { ZSimulatedInbound } from '@/server/channels/simulator/adapter';

/** Input schemas of the simulator procedures, validated once at the router; services take the parsed types. */

export const ZSimulateInboundInput = ZSimulatedInbound.omit({ phoneAddressed: true }).extend({ channelId: z.uuid() });
export type TSimulateInboundInput = z.output<typeof ZSimulateInboundInput>;
