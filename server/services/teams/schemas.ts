import { z } from 'zod';
import { ZTeamName } from '@/server/domain/teams';

/** Input schemas of the team procedures, validated once at the router; services take the parsed types. */

export const ZCreateTeamInput = z.object({ name: ZTeamName });
export const ZRenameTeamInput = z.object({ teamId: z.uuid(), name: ZTeamName });
export const ZTeamIdInput = z.object({ teamId: z.uuid() });
export const ZTeamMemberInput = z.object({ teamId: z.uuid(), userId: z.uuid() });

export type TCreateTeamInput = z.output<typeof ZCreateTeamInput>;
export type TRenameTeamInput = z.output<typeof ZRenameTeamInput>;
export type TTeamIdInput = z.output<typeof ZTeamIdInput>;
export type TTeamMemberInput = z.output<typeof ZTeamMemberInput>;
