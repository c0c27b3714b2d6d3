import { sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { messages, workspaceSettings } from '@/db/schema';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

export type TNumberSpend = { channelId: string; currency: string; amount: string; messages: number };

/**
 * Month-to-date template spend of every number of a workspace, in one query on messages_cost_month_idx: the
 * estimates stored at send time (so a later card edit changes no past month) of the templates delivered or read
 * this month in the workspace's time zone (UTC when it has none), less those Meta's own pricing says were free. A
 * number whose card changed currency mid-month has one line per currency; a number with no charge has none.
 */
export async function monthToDateSpend(db: TDbOrTx, workspace: TWorkspaceContext): Promise<TNumberSpend[]> {
  const zone = sql`coalesce((select ${workspaceSettings.timeZone} from ${workspaceSettings} where ${workspaceSettings.workspaceId} = ${workspace.id}), 'UTC')`;
  const rows = await db.execute<{ channel_id: string; currency: string; amount: string; messages: number }>(sql`
    select ${messages.channelId} as channel_id, ${messages.costCurrency} as currency,
           sum(${messages.costAmount})::text as amount, count(*)::int as messages
    from ${messages}
    where ${messages.workspaceId} = ${workspace.id}
      and ${messages.costAmount} is not null
      and ${messages.createdAt} >= (date_trunc('month', now() at time zone ${zone}) at time zone ${zone})
      and ${messages.status} in ('delivered', 'read')
      and coalesce(${messages.pricing}->>'type' = 'regular', (${messages.pricing}->>'billable')::boolean, true)
    group by 1, 2
    order by 1, 2`);
  return [...rows].map((row) => ({ channelId: row.channel_id, currency: row.currency, amount: trimDecimal(row.amount), messages: row.messages }));
}

/** numeric's text keeps its scale (`0.091000`): shown and compared as the shortest decimal. */
function trimDecimal(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}
