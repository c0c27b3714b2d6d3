import { redirect } from 'next/navigation';
import { TeamsScreen } from '@/components/settings/teams-screen';
import { pageActor } from '@/server/auth/page-actor';
import { can } from '@/server/domain/permissions';

export const dynamic = 'force-dynamic';

/** Settings → Teams: supervisors read, admins change (the procedures refuse everyone else too). */
export default async function TeamsPage() {
  const actor = await pageActor();
  if (!actor || !can(actor, 'team.view')) redirect('/settings');
  return <TeamsScreen />;
}
