import { redirect } from 'next/navigation';
import { RateCardForm } from '@/components/settings/rate-card-form';
import { WorkspaceSettingsForm } from '@/components/settings/workspace-form';
import { pageActor } from '@/server/auth/page-actor';
import { can } from '@/server/domain/permissions';

export const dynamic = 'force-dynamic';

/** Settings → Workspace, for admins (the procedures refuse everyone else too): the settings, then the template rates. */
export default async function WorkspaceSettingsPage() {
  const actor = await pageActor();
  if (!actor || !can(actor, 'workspace.manage')) redirect('/settings');
  return (
    <div className="space-y-12">
      <WorkspaceSettingsForm />
      <RateCardForm />
    </div>
  );
}
