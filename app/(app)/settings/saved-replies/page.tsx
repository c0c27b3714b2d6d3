import { redirect } from 'next/navigation';
import { SavedRepliesScreen } from '@/components/settings/saved-replies/saved-replies-screen';
import { pageActor } from '@/server/auth/page-actor';
import { can } from '@/server/domain/permissions';

export const dynamic = 'force-dynamic';

/** Settings → Saved replies: supervisors and admins keep the workspace's canned responses (the procedures check too). */
export default async function SavedRepliesPage() {
  const actor = await pageActor();
  if (!actor || !can(actor, 'savedReply.manage')) redirect('/settings');
  return <SavedRepliesScreen />;
}
