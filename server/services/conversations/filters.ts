import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { contactIdentities, contacts, conversations, messages, teamMembers, teams } from '@/db/schema';
import { SEARCH_MIN_LENGTH, teamIdOfView, type TInboxQuery } from '@/server/domain/inbox-query';
import { likeEscape, parseSearch, prefixBounds, type TSearch } from '@/server/domain/search-query';
import { DEADLINE_ORDER, windowFilterRule } from '@/server/domain/window';
import { AppError } from '@/server/errors';
import { can } from '@/server/domain/permissions';
import { workspaceActor, type TWorkspaceContext } from '@/server/services/workspaces/context';
import { mentionedIn } from '@/server/services/mentions/condition';
import { closingSoonConditions } from './closing-soon';
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

/** Every condition of the query except the keyset: workspace, visibility, view, status, filters and search. */
export async function filterConditions(
  db: TDbOrTx,
  workspace: TWorkspaceContext,
  userId: string,
  query: TInboxQuery,
  asOf: Date,
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
  if (query.q) {
    const search = parseSearch(query.q, workspace.settings.defaultCountry);
    if (search.text.length < SEARCH_MIN_LENGTH && !search.phone) where.push(sql`false`);
    else where.push(searchCondition(workspace.id, search));
  }
  return where;
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

/**
 * Contacts (name, email, phone) and message text are searched in separate subqueries, each shaped to use its own
 * trigram index, and only then combined: an OR across the two tables would defeat both indexes.
 */
function searchCondition(workspaceId: string, search: TSearch): SQL {
  const pattern = `%${likeEscape(search.text)}%`;
  const contactTextMatch = sql`nafidha_normalize(coalesce(${contacts.firstName}, '') || ' ' || coalesce(${contacts.lastName}, '') || ' ' || coalesce(${contacts.email}, '')) like ${pattern}`;
  const contactMatch = search.phone
    ? sql`(${contactTextMatch} or nafidha_phone_digits(${contacts.phone}) like ${search.phone.anchored ? `${search.phone.digits}%` : `%${search.phone.digits}%`})`
    : contactTextMatch;
  const messageSearch =
    search.text.length >= 3
      ? sql`union select ${messages.conversationId} from ${messages}
            where nafidha_normalize(${messages.body}) like ${pattern} and ${messages.body} is not null
              and ${messages.direction} in ('in', 'out') and ${messages.workspaceId} = ${workspaceId}`
      : sql``;
  // A WhatsApp username: the start of the handle, through its own index (contact_identities_username_idx).
  const bounds = search.username ? prefixBounds(search.username) : null;
  const usernameSearch = bounds
    ? sql`union select cv.id from ${conversations} cv where cv.workspace_id = ${workspaceId}
            and cv.contact_id in (select ci.contact_id from ${contactIdentities} ci where ci.workspace_id = ${workspaceId}
              and ci.username is not null and lower(ci.username) ~>=~ ${bounds.from} and lower(ci.username) ~<~ ${bounds.below})`
    : sql``;
  return sql`${conversations.id} in (
    select cv.id from ${conversations} cv where cv.workspace_id = ${workspaceId}
      and cv.contact_id in (select ${contacts.id} from ${contacts} where ${contacts.workspaceId} = ${workspaceId} and ${contactMatch})
    ${usernameSearch}
    ${messageSearch})`;
}
