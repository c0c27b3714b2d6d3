import { eq } from 'drizzle-orm';
import type { TTx } from '@/db/client';
import { contacts } from '@/db/schema';
import { pricingCategory, templateCost } from '@/server/domain/template-cost';
import type { TTemplateCategory } from '@/server/domain/templates';
import type { TWindow } from '@/server/domain/window';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import { workspaceRateCard } from './rate-card';

/**
 * The cost columns a template is stored with at send time: the same rule the picker showed, on the card of this
 * moment, judged with the send's own window verdict and clock. The workspace's default country stands for the
 * business's own (Meta's authentication-international rate applies to other countries).
 */
export async function templateCostFields(
  tx: TTx,
  workspace: TWorkspaceContext,
  conversation: { contactId: string; freeEntryUntil?: Date | null },
  category: TTemplateCategory,
  window: Pick<TWindow, 'state'>,
  now: Date,
) {
  const [contact] = await tx.select({ phone: contacts.phone }).from(contacts).where(eq(contacts.id, conversation.contactId));
  const cost = templateCost({
    category: pricingCategory(category),
    recipientPhone: contact?.phone ?? null,
    windowOpen: window.state === 'open',
    freeEntryUntil: conversation.freeEntryUntil ?? null,
    now,
    rateCard: await workspaceRateCard(tx, workspace.id),
    businessCountry: workspace.settings.defaultCountry,
  });
  if (cost.kind === 'charge') return { costAmount: cost.amount, costCurrency: cost.currency, costBasis: 'charge' };
  return { costAmount: null, costCurrency: null, costBasis: cost.kind === 'free' ? cost.reason : 'unknown' };
}
