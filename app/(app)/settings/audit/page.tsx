import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { AuditScreen } from '@/components/settings/audit/audit-screen';
import { pageActor } from '@/server/auth/page-actor';
import { can } from '@/server/domain/permissions';

export const dynamic = 'force-dynamic';

/** Settings → Audit log, for admins (the procedure behind it refuses everyone else too). */
export default async function AuditPage() {
  const actor = await pageActor();
  if (!actor || !can(actor, 'audit.view')) redirect('/settings');
  return (
    // The filters live in the URL (useSearchParams), which a client component reads under a Suspense boundary.
    <Suspense>
      <AuditScreen />
    </Suspense>
  );
}
