import type { TChannelSyncResult } from '@/server/services/whatsapp/sync';

/** What the page says after connecting: how the first sync went (a failure is news, not an error of the connect). */
export function syncSummary(result: TChannelSyncResult | null) {
  if (!result) return { health: false, templates: null };
  return { health: result.health.ok, templates: result.templates.ok ? result.templates.total : null };
}
