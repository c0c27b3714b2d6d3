import { eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { workspaceRateCards } from '@/db/schema';
import {
  compactOverrides,
  DEFAULT_RATE_CARD,
  DEFAULT_RATE_CARD_DATE,
  effectiveRateCard,
  type TRateCard,
} from '@/server/domain/rate-card';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import type { TSaveRateCardInput } from './schemas';

/** The workspace's overrides (null: it never saved any) and the version a save must name (0: none yet). */
async function readOverrides(tx: TDbOrTx, workspaceId: string, lock = false): Promise<{ card: TRateCard | null; version: number }> {
  const query = tx
    .select({ currency: workspaceRateCards.currency, rates: workspaceRateCards.rates, version: workspaceRateCards.version })
    .from(workspaceRateCards)
    .where(eq(workspaceRateCards.workspaceId, workspaceId));
  const [row] = lock ? await query.for('update') : await query;
  return row ? { card: { currency: row.currency, rates: row.rates }, version: row.version } : { card: null, version: 0 };
}

/** The card a workspace's templates are priced by now. */
export async function workspaceRateCard(db: TDbOrTx, workspaceId: string): Promise<TRateCard> {
  return effectiveRateCard((await readOverrides(db, workspaceId)).card);
}

/** Settings → Workspace → Template rates: the workspace's own cells, the default card they override, and the version. */
export async function getRateCard(db: TDbOrTx, workspace: TWorkspaceContext) {
  const { card, version } = await readOverrides(db, workspace.id);
  return {
    currency: card?.currency ?? DEFAULT_RATE_CARD.currency,
    overrides: card?.rates ?? {},
    defaults: DEFAULT_RATE_CARD,
    defaultsDate: DEFAULT_RATE_CARD_DATE,
    version,
  };
}

/** Each cell that changed as [before, after] (null: the default), and the currency if it did: the audit line. */
function changesOf(before: TRateCard | null, after: TRateCard): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  const currency = before?.currency ?? DEFAULT_RATE_CARD.currency;
  if (currency !== after.currency) changes.currency = [currency, after.currency];
  const rates = before?.rates ?? {};
  for (const country of new Set([...Object.keys(rates), ...Object.keys(after.rates)])) {
    const keys = new Set([...Object.keys(rates[country] ?? {}), ...Object.keys(after.rates[country] ?? {})]);
    for (const category of keys as Set<keyof TRateCard['rates'][string]>) {
      const was = rates[country]?.[category] ?? null;
      const now = after.rates[country]?.[category] ?? null;
      if (was !== now) changes[`${country}.${category}`] = [was, now];
    }
  }
  return changes;
}

/**
 * Saves the whole card over the version it was read at (a stale one is a CONFLICT, as workspace settings are), only
 * the filled cells, and audits each changed cell. Saving what is already there changes nothing.
 */
export async function saveRateCard(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TSaveRateCardInput) {
  return db.transaction(async (tx) => {
    // The row is locked once it exists; a workspace's first two saves at once meet on the insert instead (below).
    const current = await readOverrides(tx, workspace.id, true);
    if (current.version !== input.version) throw new AppError('CONFLICT', 'rateCardChanged');
    const next = compactOverrides(input);
    const changes = changesOf(current.card, next);
    if (Object.keys(changes).length === 0) return getRateCard(tx, workspace);
    const [saved] = await tx
      .insert(workspaceRateCards)
      .values({ workspaceId: workspace.id, currency: next.currency, rates: next.rates })
      .onConflictDoUpdate({
        target: workspaceRateCards.workspaceId,
        set: { currency: next.currency, rates: next.rates, version: sql`${workspaceRateCards.version} + 1`, updatedAt: sql`now()` },
        setWhere: sql`${workspaceRateCards.version} = ${input.version}`,
      })
      .returning({ version: workspaceRateCards.version });
    // Two first saves at once: the loser's insert met the winner's row, at a version it never read, and changed nothing.
    if (!saved) throw new AppError('CONFLICT', 'rateCardChanged');
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId: userId,
      action: 'workspace.rateCardChanged',
      subject: { type: 'workspace', id: workspace.id },
      data: changes,
    });
    return getRateCard(tx, workspace);
  });
}
