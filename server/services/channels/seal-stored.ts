import type postgres from 'postgres';
import { hasPlaintextSecret, sealWhatsAppConfig } from '@/server/channels/whatsapp/config';

/**
 * Seals every WhatsApp channel secret still stored in plaintext (installs from before sealing, rows written by test
 * factories or scripts): run at every boot, after the migrations and the demo seed, under the boot lock. Idempotent:
 * a sealed value is left as it is, and each row is replaced only if nobody changed it meanwhile. Returns how many
 * rows it sealed.
 */
export async function sealStoredChannelSecrets(sql: postgres.Sql): Promise<number> {
  const rows = await sql<{ id: string; config: Record<string, unknown> }[]>`
    select id, config from channels where type = 'whatsapp' and (config ? 'accessToken' or config ? 'appSecret')`;
  let sealed = 0;
  for (const row of rows) {
    if (!hasPlaintextSecret(row.config)) continue;
    const next = sealWhatsAppConfig(row.config);
    const updated = await sql`
      update channels set config = ${JSON.stringify(next)}::jsonb
      where id = ${row.id} and config = ${JSON.stringify(row.config)}::jsonb`;
    sealed += updated.count;
  }
  return sealed;
}
