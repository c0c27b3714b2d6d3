import { notFound, redirect } from 'next/navigation';
import { SimulatorScreen } from '@/components/admin/simulator-screen';
import { pageActor } from '@/server/auth/page-actor';
import { can } from '@/server/domain/permissions';
import { simulatorEnabled } from '@/server/env';

export const dynamic = 'force-dynamic';

/** Demo and development only (CUSTOMER_SIMULATOR), and for those `can` lets use it. */
export default async function SimulatorPage() {
  if (!simulatorEnabled()) notFound();
  const actor = await pageActor();
  if (!actor || !can(actor, 'simulator.use')) redirect('/inbox');
  return <SimulatorScreen />;
}
