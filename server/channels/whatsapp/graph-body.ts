import { partVariables } from '@/server/domain/templates';
import { sendOpaque } from '@/server/domain/send-opaque';
import type { TOutboundFile, TOutboundMessage } from '../adapter';
import { takesCaption, takesFileName } from '@/server/domain/outbound-media';

/** Meta's media object: by the id our upload got (the job uploads first), else by a link (template headers). */
function mediaObject(source: { file: TOutboundFile } | { link: string }, caption: string | null, kind: string) {
  const file = 'file' in source ? source.file : null;
  return {
    ...(file ? { id: file.providerMediaId } : { link: (source as { link: string }).link }),
    ...(caption && takesCaption(kind as never) ? { caption } : {}),
    ...(file?.fileName && takesFileName(kind as never) ? { filename: file.fileName } : {}),
  };
}

const opaqueOf = (message: TOutboundMessage) =>
  message.attemptId === undefined ? String(message.messageId) : sendOpaque(message.messageId, message.attemptId);

/**
 * The Cloud API request body for one outbound message: text (quoting a message through `context.message_id` when it
 * replies to one), a reaction (`reaction: { message_id, emoji }`, an empty emoji removing it), a media message by id, or a
 * template with its parameters (and its header's media). Shapes: /work/shared/reference/meta-messaging.md §3 (send shapes).
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
  if (message.content.kind === 'media') {
    const { mediaKind, caption, file } = message.content;
    return { ...base, type: mediaKind, [mediaKind]: mediaObject({ file }, caption, mediaKind) };
  }
  const content = message.content;
  const shape = { parameterFormat: content.parameterFormat, components: content.components };
  const parameters = (part: 'HEADER' | 'BODY') =>
    partVariables(shape, part).map((name) =>
      content.parameterFormat === 'NAMED'
        ? { type: 'text', parameter_name: name, text: content.params[`${part.toLowerCase()}.${name}`] ?? '' }
        : { type: 'text', text: content.params[`${part.toLowerCase()}.${name}`] ?? '' },
    );
  // A media header takes its file as the header's one parameter (Meta: `{ type: 'image', image: { id | link } }`).
  const header = content.headerMedia;
  const headerParameters = header ? [{ type: header.kind, [header.kind]: mediaObject(header, null, header.kind) }] : parameters('HEADER');
  const parts = [
    { type: 'header', parameters: headerParameters as Record<string, unknown>[] },
    { type: 'body', parameters: parameters('BODY') },
  ].filter((component) => component.parameters.length > 0);
  return { ...base, type: 'template', template: { name: content.name, language: { code: content.language }, components: parts } };
}
