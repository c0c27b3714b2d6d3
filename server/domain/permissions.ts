/**
 * Who may do what: the one place roles are compared. Procedures, services, the realtime filter, the list query
 * and the browser (usePermissions) all ask `can`, so a button is offered exactly when the server would accept it.
 * Pure and synchronous: it runs for every socket on every realtime event.
 */

/** Also the values of the database's `role` enum (db/schema/workspaces.ts). */
export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export type TRole = (typeof ROLES)[number];

/** What a permission depends on: the person, their role, and the workspace settings that widen or narrow it. */
export type TPermissionActor = { userId: string; role: TRole; agentsSeeAll: boolean };

/** Each action with the subject its rule needs (undefined: the rule depends on the actor alone). */
type TSubjects = {
  /** Read a conversation (list row, pane, messages, realtime) given its current assignee. */
  'conversation.view': { assigneeId: string | null };
  /** The All view, team views and the All count: every conversation of the workspace, whoever holds it. */
  'conversation.seeAll': undefined;
  'conversation.close': { assigneeId: string | null };
  'conversation.reopen': undefined;
  /** Change the assignee from `assigneeId` to `nextAssigneeId` (null: nobody). */
  'conversation.assign': { assigneeId: string | null; nextAssigneeId: string | null };
  'conversation.setTeam': undefined;
  /** Act on many conversations at once (selection, "all matching"). */
  'conversation.bulk': undefined;
  /** A WhatsApp number's quality rating, shown in the conversation header. */
  'number.viewQuality': undefined;
  /** The numbers page: list numbers, their health and limits, and "Sync now". */
  'number.manage': undefined;
  /** The customer simulator (a server feature besides, off in production unless enabled). */
  'simulator.use': undefined;
  /** The Settings area at all (its link in the sidebar); each section then asks for its own action below. */
  'settings.view': undefined;
  /** Settings → Channels: connect a WhatsApp number, rotate its token, rename, disconnect, add simulator channels. */
  'channel.manage': undefined;
  /** Settings → Users: invite, change roles, deactivate and reactivate, reset-password links. */
  'user.manage': undefined;
  /** Settings → Teams, read only: the teams, their members, each channel's default team. */
  'team.view': undefined;
  /** Create, rename and archive teams, change their members and the channels' default teams. */
  'team.manage': undefined;
  /** Settings → Workspace: name, country, time zone, digits, closing rules, visibility, auto-close. */
  'workspace.manage': undefined;
  /** Settings → Templates, read only: every synced template with its status, quality and preview. */
  'template.view': undefined;
  /** Settings → Audit log. */
  'audit.view': undefined;
  /** Saved replies in the composer (#17): read and insert them. */
  'savedReply.use': undefined;
  /** Settings → Saved replies: create, edit and delete them. */
  'savedReply.manage': undefined;
};

export type TAction = keyof TSubjects;
export type TSubjectOf<A extends TAction> = TSubjects[A];

export const ACTIONS = [
  'conversation.view',
  'conversation.seeAll',
  'conversation.close',
  'conversation.reopen',
  'conversation.assign',
  'conversation.setTeam',
  'conversation.bulk',
  'number.viewQuality',
  'number.manage',
  'simulator.use',
  'settings.view',
  'channel.manage',
  'user.manage',
  'team.view',
  'team.manage',
  'workspace.manage',
  'template.view',
  'audit.view',
  'savedReply.use',
  'savedReply.manage',
] as const satisfies readonly TAction[];

/** Actions whose rule depends on the actor alone (a procedure can be guarded by them before it reads anything). */
export type TActorAction = { [A in TAction]: TSubjects[A] extends undefined ? A : never }[TAction];

/** The subject argument, required exactly for the actions whose rule needs one. */
export type TSubjectArgs<A extends TAction> = TSubjects[A] extends undefined ? [] : [subject: TSubjects[A]];

const isAgent = (actor: TPermissionActor) => actor.role === 'agent';
const seesAll = (actor: TPermissionActor) => !isAgent(actor) || actor.agentsSeeAll;

export function can<A extends TAction>(actor: TPermissionActor, action: A, ...[subject]: TSubjectArgs<A>): boolean {
  switch (action) {
    case 'conversation.seeAll':
      return seesAll(actor);
    case 'conversation.view': {
      // Agents in a workspace with "agents see all" off see only their own and unassigned conversations.
      const { assigneeId } = subject as TSubjects['conversation.view'];
      return seesAll(actor) || assigneeId === null || assigneeId === actor.userId;
    }
    case 'conversation.close': {
      // An agent closes their own and unassigned conversations; someone else's is for its assignee or a supervisor.
      const { assigneeId } = subject as TSubjects['conversation.close'];
      return !isAgent(actor) || assigneeId === null || assigneeId === actor.userId;
    }
    case 'conversation.reopen':
    case 'savedReply.use':
      return true;
    case 'conversation.assign': {
      // Agents take unassigned work for themselves and hand over their own (never just drop it into Unassigned);
      // supervisors and admins assign anything to anyone, or to nobody.
      const { assigneeId, nextAssigneeId } = subject as TSubjects['conversation.assign'];
      if (!isAgent(actor)) return true;
      if (assigneeId === null) return nextAssigneeId === actor.userId;
      if (assigneeId === actor.userId) return nextAssigneeId !== null;
      return false;
    }
    case 'conversation.setTeam':
    case 'conversation.bulk':
    case 'number.viewQuality':
    case 'settings.view':
    case 'team.view':
    case 'template.view':
    case 'savedReply.manage':
      return !isAgent(actor);
    case 'number.manage':
    case 'simulator.use':
    case 'channel.manage':
    case 'user.manage':
    case 'team.manage':
    case 'workspace.manage':
    case 'audit.view':
      return actor.role === 'admin';
  }
  return false;
}
