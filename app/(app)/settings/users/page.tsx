import { redirect } from 'next/navigation';
import { UsersScreen } from '@/components/users/users-screen';
import { pageActor } from '@/server/auth/page-actor';
import { can } from '@/server/domain/permissions';

export const dynamic = 'force-dynamic';

/** Settings → Users, for those who may manage users (admins); the procedures check the same action. */
export default async function UsersPage() {
  const actor = await pageActor();
  if (!actor || !can(actor, 'user.manage')) redirect('/settings');
  return <UsersScreen />;
}
