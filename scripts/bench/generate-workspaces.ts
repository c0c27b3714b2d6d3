import type postgres from 'postgres';
import { hashPassword } from '@/server/services/workspaces/passwords';
import { BENCH_EMAIL_DOMAIN, BENCH_PASSWORD, BENCH_PREFIX } from './config';
import { AGENT_NAMES, TEAM_NAMES, WORKSPACES } from './words';

/**
 * The bench dataset's first step (./generate.ts does the rest): how big each workspace is at a scale, and its
 * small tables (workspace, settings, teams, users and memberships, channels and number health), from TypeScript.
 */
const SHARES = [0.6, 0.1, 0.1, 0.1, 0.1];
// The largest workspace keeps 72,000 open (12% of its conversations): Open searches and lists must not scale with it.
const OPEN_AT_FULL_SCALE = [72000, 2500, 2500, 2500, 2500];
const USERS_PER_WORKSPACE = [30, 8, 8, 7, 7];
/** Channel slots per workspace: a contact with k conversations has one on each of slots 0..k-1. */
const CHANNEL_SLOTS = ['whatsapp', 'whatsapp', 'whatsapp', 'whatsapp', 'whatsapp', 'messenger', 'instagram', 'telegram'] as const;

/** A PostgreSQL array literal, bound as one text parameter and cast in SQL (postgres.js cannot infer enum arrays). */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

export type TLog = (message: string) => void;

export type TWorkspacePlan = {
  index: number;
  id: string;
  name: string;
  contacts: number;
  contactOffset: number;
  conversations: number;
  open: number;
  channels: { id: string; type: string; externalId: string; appSecret: string }[];
  users: { id: string; email: string; role: 'admin' | 'supervisor' | 'agent'; team: number }[];
  teams: string[];
};

export function planSizes(scale: number) {
  let offset = 0;
  return SHARES.map((share, index) => {
    const contacts = Math.max(10, Math.round((250_000 * scale * share) / 10) * 10);
    const plan = {
      index,
      contacts,
      contactOffset: offset,
      conversations: contacts * 4,
      open: Math.max(10, Math.round(OPEN_AT_FULL_SCALE[index]! * scale)),
    };
    offset += contacts;
    return plan;
  });
}

/** Workspaces, settings, users and memberships, teams, channels and number health: a few hundred rows. */
export async function insertSmallTables(sql: postgres.Sql, scale: number, log: TLog): Promise<TWorkspacePlan[]> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const sizes = planSizes(scale);
  const plans: TWorkspacePlan[] = [];
  for (const size of sizes) {
    const n = size.index + 1;
    const spec = WORKSPACES[size.index]!;
    const name = `${BENCH_PREFIX}${n} ${spec.name}`;
    const [ws] = await sql<
      { id: string }[]
    >`insert into workspaces (name, created_at) values (${name}, now() - interval '4 years') returning id`;
    const workspaceId = ws!.id;
    await sql`insert into workspace_settings (workspace_id, default_country, closing_categories)
      values (${workspaceId}, ${spec.country}, ${pgArray(['Resolved', 'No response', 'Sale completed', 'Spam'])}::text[])`;
    const teamRows = await sql<{ id: string }[]>`
      insert into teams (workspace_id, name) select ${workspaceId}, unnest(${pgArray(TEAM_NAMES)}::text[]) returning id`;
    const teams = teamRows.map((t) => t.id);

    const count = USERS_PER_WORKSPACE[size.index]!;
    const supervisors = size.index === 0 ? 3 : 1;
    const userSpecs = Array.from({ length: count }, (_, i) => {
      const role: 'admin' | 'supervisor' | 'agent' = i === 0 ? 'admin' : i <= supervisors ? 'supervisor' : 'agent';
      const local =
        role === 'admin' ? 'admin' : role === 'supervisor' ? `supervisor${i}` : `agent${String(i - supervisors).padStart(2, '0')}`;
      return {
        email: `w${n}.${local}@${BENCH_EMAIL_DOMAIN}`,
        name: `${AGENT_NAMES[(i + size.index * 3) % AGENT_NAMES.length]} ${n}.${i}`,
        role,
        team: i % teams.length,
      };
    });
    const userRows = await sql<{ id: string; email: string }[]>`
      insert into users ${sql(userSpecs.map((u) => ({ email: u.email, name: u.name, password_hash: passwordHash })))} returning id, email`;
    const users = userSpecs.map((u) => ({ id: userRows.find((r) => r.email === u.email)!.id, email: u.email, role: u.role, team: u.team }));
    await sql`insert into memberships ${sql(users.map((u) => ({ workspace_id: workspaceId, user_id: u.id, role: u.role })))}`;
    // Admins and supervisors are in every team (team views); agents in one.
    const teamMembers = users.flatMap((u) =>
      u.role === 'agent'
        ? [{ team_id: teams[u.team]!, user_id: u.id, workspace_id: workspaceId }]
        : teams.map((t) => ({ team_id: t, user_id: u.id, workspace_id: workspaceId })),
    );
    await sql`insert into team_members ${sql(teamMembers)}`;

    const channels = [];
    for (const [slot, type] of CHANNEL_SLOTS.entries()) {
      const externalId = type === 'whatsapp' ? `8800${n}0000${slot}` : `bench-${type}-${n}-${slot}`;
      const appSecret = `bench-app-secret-${n}-${slot}`;
      const config =
        type === 'whatsapp'
          ? {
              phoneNumberId: externalId,
              wabaId: `8800${n}99`,
              displayPhoneNumber: `+966 11 5${n}0 00${slot}0`,
              accessToken: `bench-token-${n}-${slot}`,
              appSecret,
              verifyToken: `bench-verify-${n}-${slot}`,
              apiVersion: 'v24.0',
              graphBaseUrl: null,
            }
          : { pageId: externalId, accessToken: `bench-token-${n}-${slot}`, appSecret };
      const label = type === 'whatsapp' ? `WhatsApp ${slot + 1}` : type[0]!.toUpperCase() + type.slice(1);
      const [row] = await sql<{ id: string }[]>`
        insert into channels (workspace_id, type, name, external_id, config)
        values (${workspaceId}, ${type}, ${label}, ${externalId}, ${JSON.stringify(config)}::jsonb) returning id`;
      channels.push({ id: row!.id, type, externalId, appSecret });
      if (type === 'whatsapp') {
        await sql`insert into number_health (channel_id, workspace_id, display_phone_number, verified_name, quality_rating, status,
            name_status, messaging_limit_tier, messaging_limit, throughput_level, last_synced_at)
          values (${row!.id}, ${workspaceId}, ${`966115${n}000${slot}0`}, ${spec.name}, 'GREEN', 'CONNECTED', 'APPROVED', 'TIER_100K', 100000, 'HIGH', now())`;
      }
    }
    plans.push({ ...size, id: workspaceId, name, channels, users, teams });
  }
  log(
    `small tables: ${plans.length} workspaces, ${plans.reduce((a, p) => a + p.users.length, 0)} users, ${plans.length * CHANNEL_SLOTS.length} channels`,
  );
  return plans;
}
