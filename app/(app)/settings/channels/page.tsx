import { redirect } from 'next/navigation';
import { ChannelsScreen } from '@/components/settings/channels/channels-screen';
import { pageActor } from '@/server/auth/page-actor';
import { can } from '@/server/domain/permissions';

export const dynamic = 'force-dynamic';

/** Settings → Channels, for those who manage channels (the procedures behind it refuse everyone else too). */
export default async function ChannelsSettingsPage() {
  const actor = await pageActor();
  if (!actor || !can(actor, 'channel.manage')) redirect('/settings');
  return <ChannelsScreen />;
}
