import { redirect } from 'next/navigation';
import { SETTINGS_SECTIONS } from '@/components/settings/sections';
import { pageActor } from '@/server/auth/page-actor';
import { can } from '@/server/domain/permissions';

export const dynamic = 'force-dynamic';

/** /settings opens the first section this person may see. */
export default async function SettingsIndex() {
  const actor = await pageActor();
  const first = actor && SETTINGS_SECTIONS.find((section) => can(actor, section.action));
  redirect(first ? first.href : '/inbox');
}
