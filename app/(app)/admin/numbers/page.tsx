import { redirect } from 'next/navigation';
import { NumbersScreen } from '@/components/admin/numbers-screen';
import { pageActor } from '@/server/auth/page-actor';
import { can } from '@/server/domain/permissions';

export const dynamic = 'force-dynamic';

/** For those who manage numbers: everyone else is sent back to the inbox (the procedure behind the page refuses them too). */
export default async function NumbersPage() {
  const actor = await pageActor();
  if (!actor || !can(actor, 'number.manage')) redirect('/inbox');
  return <NumbersScreen />;
}
