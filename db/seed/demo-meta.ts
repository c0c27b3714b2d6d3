import { emptyFakeMeta, type TFakeMeta } from '@/server/channels/whatsapp/fake-meta';
import { DEMO_CHANNELS } from './demo-channels';
import { DEMO_TEMPLATES, demoTemplateId, templateAsMetaLists } from './demo-templates';

/**
 * What the demo's Graph API fake says Meta knows: the same numbers and templates the demo seed stored, so a sync in
 * the demo finds everything as seeded until someone changes the fake (its `/_fake/…` control calls).
 */
export function demoFakeMeta(): TFakeMeta {
  const meta = emptyFakeMeta();
  for (const channel of DEMO_CHANNELS) {
    if (channel.type !== 'whatsapp' || !channel.health) continue;
    const wabaId = String(channel.config.wabaId);
    meta.numbers.set(channel.externalId, {
      id: channel.externalId,
      waba_id: wabaId,
      display_phone_number: String(channel.config.displayPhoneNumber),
      verified_name: channel.health.verifiedName,
      quality_rating: channel.health.qualityRating,
      status: channel.health.status,
      name_status: 'APPROVED',
      code_verification_status: 'VERIFIED',
      whatsapp_business_manager_messaging_limit: channel.health.tier,
      messaging_limit_tier: channel.health.tier,
      throughput: { level: 'STANDARD' },
      platform_type: 'CLOUD_API',
      account_mode: 'LIVE',
    });
    meta.templates.set(
      wabaId,
      DEMO_TEMPLATES.map((t, i) => templateAsMetaLists(t, demoTemplateId(i))),
    );
  }
  return meta;
}
