import { partVariables } from '@/server/domain/templates';
import { sendOpaque } from '@/server/domain/send-opaque';
import type { TOutboundMessage } from '../adapter';

const opaqueOf = (message: TOutboundMessage) =>
  message.attemptId === undefined ? String(message.messageId) : sendOpaque(message.messageId, message.attemptId);

/**
 * The Cloud API request body for one outbound message: text (quoting a message through `context.message_id` when it
 * replies to one), a reaction (`reaction: { message_id, emoji }`, an empty emoji removing it), or a template with its
 * parameters. Shapes: /work/shared/reference/meta-messaging.md §3 (send shapes).
 */
export function graphMessageBody(message: TOutboundMessage): Record<string, unknown> {
  const to = message.recipient.externalId ? `+${message.recipient.externalId}` : message.recipient.bsuid;
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to, biz_opaque_callback_data: opaqueOf(message) };
  if (message.content.kind === 'text') {
    const quoting = message.content.replyTo ? { context: { message_id: message.content.replyTo } } : {};
    return { ...base, ...quoting, type: 'text', text: { preview_url: false, body: message.content.text } };
  }
  if (message.content.kind === 'reaction') {
    return { ...base, type: 'reaction', reaction: { message_id: message.content.target, emoji: message.content.emoji } };
  }
  const content = message.content;
  const shape = { parameterFormat: content.parameterFormat, components: content.components };
  const parameters = (part: 'HEADER' | 'BODY') =>
    partVariables(shape, part).map((name) =>
      content.parameterFormat === 'NAMED'
        ? { type: 'text', parameter_name: name, text: content.params[`${part.toLowerCase()}.${name}`] ?? '' }
        : { type: 'text', text: content.params[`${part.toLowerCase()}.${name}`] ?? '' },
    );
  const parts = (['HEADER', 'BODY'] as const)
    .map((part) => ({ type: part.toLowerCase(), parameters: parameters(part) }))
    .filter((component) => component.parameters.length > 0);
  return { ...base, type: 'template', template: { name: content.name, language: { code: content.language }, components: parts } };
}
