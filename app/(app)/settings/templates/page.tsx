import { redirect } from 'next/navigation';
import { Suspense } from 'react';
import { TemplatesScreen } from '@/components/settings/templates/templates-screen';
import { pageActor } from '@/server/auth/page-actor';
import { can } from '@/server/domain/permissions';

export const dynamic = 'force-dynamic';

/** Settings → Templates, for supervisors and admins (the procedures behind it refuse everyone else too). */
export default async function TemplatesPage() {
  const actor = await pageActor();
  if (!actor || !can(actor, 'template.view')) redirect('/settings');
  return (
    // The filters live in the URL (useSearchParams), which a client component reads under a Suspense boundary.
    <Suspense>
      <TemplatesScreen />
    </Suspense>
  );
}
