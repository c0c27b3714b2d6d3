import { z } from 'zod';

/** A team's name as admins type it: trimmed, 1..TEAM_NAME_MAX. Messages are keys of `settingsTeams.errors`. */
export const TEAM_NAME_MAX = 60;

export const ZTeamName = z.string().trim().min(1, 'nameRequired').max(TEAM_NAME_MAX, 'nameTooLong');

export function teamNameError(value: string): string | null {
  const parsed = ZTeamName.safeParse(value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'nameRequired');
}
