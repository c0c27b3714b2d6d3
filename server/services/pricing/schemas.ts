import { z } from 'zod';
import { ZRateCardInput } from '@/server/domain/rate-card';

/** pricing.saveCard: the whole card (only filled cells) over the version the form read (0: never saved). */
export const ZSaveRateCardInput = ZRateCardInput.extend({ version: z.number().int().min(0) });
export type TSaveRateCardInput = z.output<typeof ZSaveRateCardInput>;

export const ZCostContextInput = z.object({ conversationId: z.uuid() });
