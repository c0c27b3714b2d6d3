import { z } from 'zod';
import { AUDIT_ACTION_PATTERN, AUDIT_GROUPS } from '@/server/domain/audit-log';

/** Input schemas of Settings → Audit log, validated once at the router; services take the parsed types. */

/** Dates PostgreSQL and a cursor can carry (an absurd year would otherwise fail in SQL rather than as input). */
const ZLogDate = z.date().refine((d) => d.getUTCFullYear() >= 1970 && d.getUTCFullYear() <= 9999);

export const ZAuditListInput = z
  .object({
    /** Every action of one group (`channel.*`), or exactly one action; both narrow together. */
    group: z.enum(AUDIT_GROUPS).nullish(),
    action: z.string().max(100).regex(AUDIT_ACTION_PATTERN).nullish(),
    /** Acts of one member, or `system` for those nobody did by hand (set-up, scripts, jobs). */
    actor: z.union([z.uuid(), z.literal('system')]).nullish(),
    /** From this instant (inclusive) to that one (exclusive): the browser sends its reader's local days. */
    from: ZLogDate.nullish(),
    to: ZLogDate.nullish(),
    cursor: z.string().max(500).nullish(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .refine((input) => !input.from || !input.to || input.from < input.to, { path: ['to'], message: 'The end is before the start.' });
export type TAuditListInput = z.output<typeof ZAuditListInput>;
