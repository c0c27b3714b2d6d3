import { z } from 'zod';

/** Input schemas of the number procedures, validated once at the router; services take the parsed types. */

/** "Sync now" for one WhatsApp number of the caller's workspace. */
export const ZNumberSyncInput = z.object({ channelId: z.uuid() });
