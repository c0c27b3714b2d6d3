import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TDbOrTx } from '@/db/client';
import { auditEvents, channels, memberships, savedReplies, teams, templates, users } from '@/db/schema';
import { auditReferences } from '@/server/domain/audit-log';
import { decodeCursor, encodeCursor } from '@/server/domain/cursor';
import { isUuid } from '@/server/domain/limits';
import { AppError } from '@/server/errors';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import type { TAuditListInput } from './schemas';

/** [created_at to the microsecond, id] of the last row shown: a JS Date would lose the microseconds and skip rows. */
const ZAuditCursor = z.tuple([
  z.iso.datetime({ offset: true }).refine((v) => Number(v.slice(0, 4)) >= 1970),
  z.number().int().positive(),
]);

/** The people the actor filter offers: the workspace's members, by name. */
export async function auditActors(db: TDbOrTx, workspace: TWorkspaceContext) {
  return db
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspace.id))
    .orderBy(asc(users.name), asc(users.id));
}

/**
 * Names of what a page mentions, scoped to the workspace (an id is only a name if it is ours): each row's subject, by
 * `type:id`, and the teams and people its data refers to (auditReferences), by id.
 */
async function pageNames(db: TDbOrTx, workspaceId: string, rows: { subjectType: string; subjectId: string | null; data: unknown }[]) {
  const ids = (type: string) =>
    rows.filter((r) => r.subjectType === type && r.subjectId).map((r) => r.subjectId!);
  const refs = rows.map((r) => auditReferences(r.data));
  const uuids = (values: string[]) => [...new Set(values.filter(isUuid))];
  const userIds = uuids([...ids('user'), ...refs.flatMap((r) => r.user)]);
  const teamIds = uuids([...ids('team'), ...refs.flatMap((r) => r.team)]);
  const [channelIds, templateIds, replyIds] = [uuids(ids('channel')), uuids(ids('template')), uuids(ids('savedReply'))];
  const [userRows, channelRows, teamRows, templateRows, replyRows] = await Promise.all([
    userIds.length
      ? db
          .select({ id: users.id, name: users.name })
          .from(users)
          .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, workspaceId)))
          .where(inArray(users.id, userIds))
      : [],
    channelIds.length
      ? db.select({ id: channels.id, name: channels.name }).from(channels).where(and(eq(channels.workspaceId, workspaceId), inArray(channels.id, channelIds)))
      : [],
    teamIds.length
      ? db.select({ id: teams.id, name: teams.name }).from(teams).where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, teamIds)))
      : [],
    templateIds.length
      ? db
          .select({ id: templates.id, name: sql<string>`${templates.name} || ' · ' || ${templates.language}` })
          .from(templates)
          .where(and(eq(templates.workspaceId, workspaceId), inArray(templates.id, templateIds)))
      : [],
    // A saved reply is named by its shortcut, as agents type it.
    replyIds.length
      ? db
          .select({ id: savedReplies.id, name: sql<string>`'/' || ${savedReplies.shortcut}` })
          .from(savedReplies)
          .where(and(eq(savedReplies.workspaceId, workspaceId), inArray(savedReplies.id, replyIds)))
      : [],
  ]);
  const subjects = new Map<string, string>();
  for (const [type, found] of [['user', userRows], ['channel', channelRows], ['team', teamRows], ['template', templateRows], ['savedReply', replyRows]] as const)
    for (const row of found) subjects.set(`${type}:${row.id}`, row.name);
  const references: Record<string, string> = {};
  for (const row of [...userRows, ...teamRows]) references[row.id] = row.name;
  return { subjects, references };
}

/**
 * One page of the workspace's audit log, newest first, by the (workspace, created_at, id) index: acts of one
 * transaction share a timestamp, so the id breaks ties and the cursor carries both. No count of the whole log.
 */
export async function listAuditEvents(db: TDbOrTx, workspace: TWorkspaceContext, input: TAuditListInput) {
  const after = input.cursor ? decodeCursor(input.cursor, ZAuditCursor) : null;
  if (input.cursor && !after) throw new AppError('INVALID_INPUT', 'cursorInvalid');
  const rows = await db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      subjectType: auditEvents.subjectType,
      subjectId: auditEvents.subjectId,
      data: auditEvents.data,
      createdAt: auditEvents.createdAt,
      cursorAt: sql<string>`to_char(${auditEvents.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      actorId: auditEvents.actorId,
      actorName: users.name,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(
      and(
        eq(auditEvents.workspaceId, workspace.id),
        input.group ? sql`${auditEvents.action} like ${`${input.group}.%`}` : undefined,
        input.action ? eq(auditEvents.action, input.action) : undefined,
        input.actor === 'system' ? isNull(auditEvents.actorId) : input.actor ? eq(auditEvents.actorId, input.actor) : undefined,
        input.from ? gte(auditEvents.createdAt, input.from) : undefined,
        input.to ? lt(auditEvents.createdAt, input.to) : undefined,
        after ? sql`(${auditEvents.createdAt}, ${auditEvents.id}) < (${after[0]}::timestamptz, ${after[1]}::bigint)` : undefined,
      ),
    )
    // `nulls last` as the indexes are built (drizzle's desc() alone means NULLS FIRST, which no index here serves,
    // and PostgreSQL would sort every matching row); the columns are NOT NULL, so the order itself is the same.
    .orderBy(sql`${auditEvents.createdAt} desc nulls last`, sql`${auditEvents.id} desc nulls last`)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const names = await pageNames(db, workspace.id, page);
  const last = page.at(-1);
  return {
    items: page.map(({ cursorAt: _cursor, ...row }) => ({
      ...row,
      data: (row.data ?? {}) as Record<string, unknown>,
      /** The subject's current name, when it still exists in this workspace (else the page shows its kind). */
      subjectName: row.subjectId ? (names.subjects.get(`${row.subjectType}:${row.subjectId}`) ?? null) : null,
    })),
    /** The names of the teams and people the page's data refers to, by id (auditChanges reads them). */
    names: names.references,
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
  };
}
