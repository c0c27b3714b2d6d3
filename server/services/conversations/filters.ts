import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { contacts, conversations, teamMembers, teams } from '@/db/schema';
import { SEARCH_MIN_LENGTH, teamIdOfView, type TInboxQuery } from '@/server/domain/inbox-query';
import { parseSearch, type TSearch } from '@/server/domain/search-query';
import { DEADLINE_ORDER, windowFilterRule } from '@/server/domain/window';
import { AppError } from '@/server/errors';
import { can } from '@/server/domain/permissions';
import { workspaceActor, type TWorkspaceContext } from '@/server/services/workspaces/context';
import { mentionedIn } from '@/server/services/mentions/condition';
import { closingSoonConditions } from './closing-soon';
import { searchSql, type TSearchPlan } from './search-sql';
import { visibleConversations } from './visibility';

/** A timestamp parameter for raw SQL: postgres.js binds strings, and Drizzle maps Dates only for typed columns. */
export function at(date: Date): SQL {
  return sql`${date.toISOString()}::timestamptz`;
}

/** The current deadline of a row's window (free window, else tag period) as of `asOf`; null when none is ticking. */
export function deadlineSql(asOf: Date): SQL<Date | null> {
  const whens = DEADLINE_ORDER.map((key) => sql`when ${conversations[key]} > ${at(asOf)} then ${conversations[key]}`);
  return sql<Date | null>`(case ${sql.join(whens, sql` `)} end)`;
}

/**
 * Every condition of the query except the keyset: workspace, visibility, view, status, filters and search (in the
 * form `search` says, search-plan.ts; `none` leaves the search out, for the walk's own bounds).
 */
export async function filterConditions(
  db: TDbOrTx,
  workspace: TWorkspaceContext,
  userId: string,
  query: TInboxQuery,
  asOf: Date,
  search: TSearchPlan | 'none' = { kind: 'set' },
): Promise<SQL[]> {
  const where: SQL[] = [visibleConversations(workspace, userId), eq(conversations.status, query.status)];
  const teamView = teamIdOfView(query.view);
  if (query.view === 'all' || teamView) {
    if (!can(workspaceActor(workspace, userId), 'conversation.seeAll')) throw new AppError('FORBIDDEN', 'agentsSeeMineAndUnassigned');
  }
  if (query.view === 'mine') where.push(eq(conversations.assigneeId, userId));
  if (query.view === 'unassigned') where.push(isNull(conversations.assigneeId));
  if (query.view === 'closing') where.push(...closingSoonConditions(workspace, asOf));
  if (query.view === 'mentions') where.push(mentionedIn(workspace, userId));
  if (query.unread) where.push(sql`${conversations.unreadCount} > 0`);
  if (teamView) {
    const [member] = await db
      .select({ teamId: teamMembers.teamId })
      .from(teamMembers)
      // An archived team is no view (its conversations stay reachable through All and the team filter).
      .innerJoin(teams, and(eq(teams.id, teamMembers.teamId), isNull(teams.archivedAt)))
      .where(and(eq(teamMembers.teamId, teamView), eq(teamMembers.userId, userId), eq(teamMembers.workspaceId, workspace.id)));
    if (!member) throw new AppError('NOT_FOUND', 'teamViewNotFound');
    where.push(eq(conversations.teamId, teamView));
  }
  if (query.assignee === 'none') where.push(isNull(conversations.assigneeId));
  else if (query.assignee) where.push(eq(conversations.assigneeId, query.assignee));
  if (query.team) where.push(eq(conversations.teamId, query.team));
  if (query.channel) where.push(eq(conversations.channelId, query.channel));
  if (query.tag) {
    where.push(sql`exists (select 1 from ${contacts} c where c.id = ${conversations.contactId} and c.tags @> array[${query.tag}]::text[])`);
  }
  if (query.window) where.push(windowFilterSql(query.window, asOf));
  if (query.q && search !== 'none') {
    const parsed = parseSearch(query.q, workspace.settings.defaultCountry);
    if (!searchable(parsed)) where.push(sql`false`);
    else where.push(searchSql(workspace.id, parsed, search));
  }
  return where;
}

/** Shorter text than SEARCH_MIN_LENGTH finds nothing (no trigram index can serve it), unless it is a phone number. */
export function searchable(search: TSearch): boolean {
  return search.text.length >= SEARCH_MIN_LENGTH || search.phone !== null;
}

/** The window filter in SQL, from the same rule the browser applies to a changed row (domain/window.ts). */
function windowFilterSql(filter: NonNullable<TInboxQuery['window']>, asOf: Date): SQL {
  const rule = windowFilterRule(filter, asOf);
  if (rule.kind === 'windowless') return inArray(conversations.channelType, [...rule.channelTypes]);
  const bounds: SQL[] = [];
  if (rule.after) bounds.push(sql`${conversations.windowClosesAt} > ${at(rule.after)}`);
  if (rule.notAfter) bounds.push(sql`${conversations.windowClosesAt} <= ${at(rule.notAfter)}`);
  return sql.join(bounds, sql` and `);
}
