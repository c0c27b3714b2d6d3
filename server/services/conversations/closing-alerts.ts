import { sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import type { TClosingSoonEvent } from '@/server/realtime/events';
import { notify } from '@/server/realtime/notify';
import { displayName } from './list-row';

/** Alerts claimed per transaction (short row locks; one notification each, sent after the commit). */
export const CLOSING_ALERT_BATCH = 200;

/**
 * The lead stage due for conversation row `c` now (null: none), as dueClosingAlert in server/domain/closing-alerts.ts
 * says it: the smallest of its workspace's lead times that the time left has reached (exactly at it counts).
 */
const STAGE = (c: string) => `(
  select min(l) from workspace_settings s cross join unnest(s.closing_alert_minutes) l
  where s.workspace_id = ${c}.workspace_id and ${c}.window_closes_at <= now() + make_interval(mins => l))`;

/**
 * Whether row `c` has an alert due that was not claimed yet: open, waiting, its window still open, a stage due, and
 * its marker for another deadline (a new customer message re-arms) or for a larger stage only.
 */
const DUE = (c: string) => `
  ${c}.status = 'open' and ${c}.waiting_since is not null and ${c}.window_closes_at is not null
  and ${c}.window_closes_at > now()
  and ${STAGE(c)} is not null
  and (${c}.closing_alert_deadline is distinct from ${c}.window_closes_at
       or ${c}.closing_alert_minutes is null or ${c}.closing_alert_minutes > ${STAGE(c)})`;

/**
 * Claims the due alerts and returns them with their recipients, in one statement. The candidates are a range of
 * conversations_closing_sweep_idx (windows ending within the largest lead time of any workspace); the UPDATE moves
 * each one's marker to (its deadline, its stage), and its WHERE re-checks the rule on the row: a concurrent sweep
 * that updated the row first (PostgreSQL re-evaluates the condition on the new row version) leaves nothing to
 * claim, so an alert fires once however many instances sweep; an agent's reply or a customer message committed
 * meanwhile is seen the same way.
 */
export const claimStatement = (batch: number) => `
  with claimed as (
    update conversations c
    set closing_alert_deadline = c.window_closes_at, closing_alert_minutes = ${STAGE('c')}
    where c.id in (
      select d.id from conversations d
      where d.status = 'open' and d.waiting_since is not null and d.window_closes_at is not null
        and d.window_closes_at > now()
        and d.window_closes_at <= now() + make_interval(mins => (
          select coalesce(max(l), 0) from workspace_settings cross join unnest(closing_alert_minutes) l))
        and ${DUE('d')}
      order by d.window_closes_at, d.id
      limit ${batch})
    and ${DUE('c')}
    returning c.id, c.workspace_id, c.assignee_id, c.team_id, c.contact_id, c.window_closes_at, c.closing_alert_minutes)
  select cl.id, cl.workspace_id, cl.closing_alert_minutes as lead,
    to_char(cl.window_closes_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as closes_at,
    greatest(1, ceil(extract(epoch from cl.window_closes_at - now()) / 60))::int as minutes_left,
    ct.first_name, ct.last_name, ct.phone,
    case when cl.assignee_id is not null then array[cl.assignee_id]::text[]
    else array(
      select m.user_id::text from memberships m
      where m.workspace_id = cl.workspace_id and m.deactivated_at is null
        and (m.role in ('supervisor', 'admin')
             or (cl.team_id is not null and m.user_id in (select tm.user_id from team_members tm where tm.team_id = cl.team_id)))
      order by m.user_id)
    end as user_ids
  from claimed cl join contacts ct on ct.id = cl.contact_id`;

type TClaimedRow = {
  id: string;
  workspace_id: string;
  lead: number;
  closes_at: string;
  minutes_left: number;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  user_ids: string[];
};

/** People per event: a big team's alert is split so each notification stays under NOTIFY's 8000 bytes. */
const USERS_PER_EVENT = 100;

/**
 * One sweep: claims every alert due now, in batches, and sends each to its people right after its batch commits.
 * A claim and its event are one transaction: an alert is marked sent exactly when its event is queued. Returns the
 * alerts claimed.
 */
export async function sweepClosingAlerts(db: TDbOrTx, batch = CLOSING_ALERT_BATCH): Promise<TClosingSoonEvent[]> {
  const sent: TClosingSoonEvent[] = [];
  for (;;) {
    const claimed = await db.transaction(async (tx) => {
      const rows = [...(await tx.execute<TClaimedRow>(sql.raw(claimStatement(batch))))];
      for (const row of rows) {
        for (let i = 0; i < row.user_ids.length; i += USERS_PER_EVENT) {
          const event: TClosingSoonEvent = {
            type: 'window.closingSoon',
            workspaceId: row.workspace_id,
            conversationId: row.id,
            userIds: row.user_ids.slice(i, i + USERS_PER_EVENT),
            contactName: displayName({ firstName: row.first_name, lastName: row.last_name, phone: row.phone }),
            closesAt: row.closes_at,
            minutesLeft: row.minutes_left,
            lead: row.lead,
          };
          await notify(tx, event);
          sent.push(event);
        }
      }
      return rows.length;
    });
    if (claimed < batch) return sent;
  }
}
