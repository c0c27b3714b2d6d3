import type { TDbOrTx } from '@/db/client';
import { auditEvents } from '@/db/schema';
import { redactAuditData, type TAuditAction, type TAuditSubject } from '@/server/domain/audit';

export type TAuditEntry = {
  workspaceId: string;
  /** null: the system (set-up, a script, a job). */
  actorId: string | null;
  action: TAuditAction;
  subject: { type: TAuditSubject; id?: string | null };
  /** { field: [before, after] } or the act's facts. Secret-looking fields are stored as "[changed]". */
  data?: Record<string, unknown>;
};

/** Records an act; call it with the transaction that does the act, so both commit or neither does. */
export async function recordAudit(tx: TDbOrTx, entry: TAuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    workspaceId: entry.workspaceId,
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subject.type,
    subjectId: entry.subject.id ?? null,
    data: redactAuditData(entry.data ?? {}),
  });
}
