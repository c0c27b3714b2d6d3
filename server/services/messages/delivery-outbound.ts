import { and, eq } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { channels, contactIdentities, conversations, messageMedia, messages, templates } from '@/db/schema';
import type { TOutboundFile, TOutboundMessage } from '@/server/channels/adapter';
import { isMediaFileKind } from '@/server/domain/media-rules';
import { takesCaption } from '@/server/domain/outbound-media';
import type { TChannelStatus } from '@/server/domain/channel-types';
import type { TTemplateComponent } from '@/server/domain/templates';

/** A queued outbound message as its channel's adapter sends it (null if it is no longer queued). */
export async function loadOutbound(
  db: TDbOrTx,
  messageId: number,
): Promise<(TOutboundMessage & { workspaceId: string; channelStatus: TChannelStatus }) | null> {
  const [row] = await db
    .select({
      message: messages,
      channel: { id: channels.id, type: channels.type, config: channels.config, status: channels.status },
      contactId: conversations.contactId,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(eq(messages.id, messageId));
  if (!row || row.message.status !== 'queued' || row.message.direction !== 'out') return null;
  const [identity] = await db
    .select({ externalId: contactIdentities.externalId, bsuid: contactIdentities.bsuid })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.contactId, row.contactId), eq(contactIdentities.channelId, row.channel.id)));
  const m = row.message;
  // The message's file (a media message's, a template header's), when it has one.
  const [media] = await db
    .select({
      providerMediaId: messageMedia.providerMediaId,
      storageKey: messageMedia.storageKey,
      mime: messageMedia.mimeType,
      size: messageMedia.sizeBytes,
      fileName: messageMedia.fileName,
    })
    .from(messageMedia)
    .where(eq(messageMedia.messageId, messageId));
  const file: TOutboundFile | null =
    media && (media.storageKey || media.providerMediaId)
      ? { ...media, mime: media.mime ?? 'application/octet-stream', size: media.size ?? 0 }
      : null;
  const tag = m.messagingTag === 'HUMAN_AGENT' ? 'HUMAN_AGENT' : null;
  let content: TOutboundMessage['content'];
  if (m.kind === 'template') {
    const [template] = await db
      .select({ parameterFormat: templates.parameterFormat, components: templates.components })
      .from(templates)
      .where(
        and(eq(templates.channelId, row.channel.id), eq(templates.name, m.templateName!), eq(templates.language, m.templateLanguage!)),
      );
    content = {
      kind: 'template',
      name: m.templateName!,
      language: m.templateLanguage!,
      params: (m.templateParams ?? {}) as Record<string, string>,
      parameterFormat: template?.parameterFormat ?? 'POSITIONAL',
      components: components(template?.components),
      renderedText: m.body ?? '',
      headerMedia: templateHeader(components(template?.components), file, m.payload),
    };
  } else if (isMediaFileKind(m.kind)) {
    content = {
      kind: 'media',
      mediaKind: m.kind,
      caption: m.body && takesCaption(m.kind) ? m.body : null,
      messagingTag: tag,
      // A media message without its file row cannot go out: the delivery job fails it with MEDIA_FILE_MISSING.
      file: file ?? { providerMediaId: null, storageKey: null, mime: 'application/octet-stream', size: 0, fileName: null },
    };
  } else if (m.kind === 'reaction') {
    // An agent's reaction (./react.ts): the target's provider id and the emoji were stored when it was queued.
    const reaction = (m.payload as { reaction?: { target?: string; emoji?: string } } | null)?.reaction;
    content = { kind: 'reaction', target: reaction?.target ?? '', emoji: reaction?.emoji ?? '' };
  } else {
    const quotedId = (m.payload as { quotedId?: unknown } | null)?.quotedId;
    content = {
      kind: 'text',
      text: m.body ?? '',
      messagingTag: tag,
      replyTo: typeof quotedId === 'string' ? quotedId : null,
    };
  }
  return {
    messageId,
    workspaceId: m.workspaceId,
    channelStatus: row.channel.status,
    channel: { id: row.channel.id, type: row.channel.type, config: row.channel.config as Record<string, unknown> },
    recipient: { externalId: identity?.externalId ?? null, bsuid: identity?.bsuid ?? null, phone: null },
    content,
  };
}

const components = (value: unknown): TTemplateComponent[] => (Array.isArray(value) ? (value as TTemplateComponent[]) : []);

/** A template's header media: its uploaded file (message_media), or the link stored with the send. */
function templateHeader(parts: TTemplateComponent[], file: TOutboundFile | null, payload: unknown) {
  const link = (payload as { headerLink?: { kind?: unknown; link?: unknown } } | null)?.headerLink;
  if (link && typeof link.link === 'string' && typeof link.kind === 'string' && isMediaFileKind(link.kind)) {
    return { kind: link.kind, link: link.link };
  }
  const format = parts.find((part) => part.type?.toUpperCase() === 'HEADER')?.format?.toLowerCase() ?? '';
  return file && isMediaFileKind(format) ? { kind: format, file } : null;
}
