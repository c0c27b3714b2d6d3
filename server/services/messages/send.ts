import { and, eq } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { businessInitiatedSends, channels, contacts, conversations, messages, templates, users } from '@/db/schema';
import { templateRefusedFor } from '@/server/domain/marketing-preferences';
import { PREVIEW_MAX } from '@/server/domain/limits';
import { renderTemplate, validateTemplateParams, type TTemplateComponent } from '@/server/domain/templates';
import { evaluateWindow, isBusinessInitiated, outboundRule } from '@/server/domain/window';
import { AppError } from '@/server/errors';
import { enqueue, QUEUES } from '@/server/jobs/boss';
import { notify } from '@/server/realtime/notify';
import { databaseNow } from '@/db/clock';
import { fitsMessagingLimit } from './messaging-limits';
import { quotedProviderId } from './quote';
import { templateCostFields } from '@/server/services/pricing/estimate';
import { recordEvent } from '@/server/services/conversations/timeline';
import { recordMentions, resolveMentions } from '@/server/services/mentions/record';
import { visibleConversations } from '@/server/services/conversations/visibility';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import type { TSendInput } from './schemas';
import { attachUpload, mediaMessage, ownUpload, templateHeaderMedia } from './send-media';
import type { TUploadFacts } from '@/server/services/media/upload-token';
import type { TPreviewMedia } from '@/server/domain/media-rules';
import { clipText } from '@/server/domain/well-formed-text';

/**
 * Sends (or notes) one message in one transaction: the window is judged by the database clock at that moment; the
 * message is stored as queued with the client's key; a closed conversation reopens; an unassigned or closed one is
 * assigned to the sender; the delivery job is enqueued in the same transaction; the realtime hint goes out on commit.
 */
export async function sendMessage(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TSendInput) {
  return db.transaction(async (tx) => {
    // The row lock serialises sends on one conversation: two agents racing for an unassigned one queue up here.
    const [conversation] = await tx
      .select()
      .from(conversations)
      .where(and(visibleConversations(workspace, userId), eq(conversations.id, input.conversationId)))
      .for('update');
    if (!conversation) throw new AppError('NOT_FOUND', 'conversationNotVisible');

    const [existing] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.conversationId, conversation.id), eq(messages.clientKey, input.clientKey)));
    if (existing) return { messageId: existing.id, duplicate: true };

    const now = await databaseNow(tx);
    const window = evaluateWindow(conversation.channelType, conversation.lastInboundAt, now);
    const content = input.content;

    if (content.kind === 'note') {
      // Checked before anything is stored: a note naming someone outside the workspace is refused whole.
      const mentioned = await resolveMentions(tx, workspace, content.text);
      const [note] = await tx
        .insert(messages)
        .values({
          workspaceId: workspace.id,
          conversationId: conversation.id,
          channelId: conversation.channelId,
          direction: 'note',
          kind: 'text',
          body: content.text,
          authorId: userId,
          clientKey: input.clientKey,
          // Who it names, as of now: every reader renders the tokens as these names.
          payload: mentioned.length > 0 ? { mentions: mentioned } : null,
        })
        .returning({ id: messages.id });
      await recordMentions(tx, workspace, { conversation, messageId: note!.id, authorId: userId, mentioned });
      await notify(tx, {
        type: 'message.created',
        workspaceId: workspace.id,
        conversationId: conversation.id,
        messageId: note!.id,
        assigneeId: conversation.assigneeId,
      });
      return { messageId: note!.id, duplicate: false };
    }

    // A disconnected channel sends nothing (notes, above, are ours alone); its history stays readable.
    const [channel] = await tx.select({ status: channels.status }).from(channels).where(eq(channels.id, conversation.channelId));
    if (channel?.status === 'disconnected') throw new AppError('CHANNEL_DISCONNECTED');

    let body: string;
    let templateFields: Partial<typeof messages.$inferInsert> = {};
    let messagingTag: string | null = null;
    let payload: Record<string, unknown> | null = null;
    // The file this message carries (a media message's, a template's header), and what the list says of it.
    let upload: TUploadFacts | null = null;
    let previewMedia: TPreviewMedia | null = null;
    let previewText: string | null = null;
    if (content.kind === 'media') {
      if (conversation.channelType !== 'whatsapp') throw new AppError('MEDIA_NOT_SUPPORTED');
      // Media is free-form: the window decides exactly as for text.
      const rule = outboundRule(window, 'text');
      if (!rule.allowed) throw new AppError(rule.code);
      messagingTag = rule.tag;
      upload = ownUpload(content.uploadId, workspace.id, userId);
      const media = mediaMessage(upload, content.caption);
      body = media.body;
      templateFields = { kind: media.kind };
      previewMedia = media.previewMedia;
      previewText = media.previewText;
    } else if (content.kind === 'text') {
      const rule = outboundRule(window, 'text');
      if (!rule.allowed) throw new AppError(rule.code);
      messagingTag = rule.tag;
      body = content.text;
      // A reply to a specific message: still free-form text for the window (above); it keeps what it quotes.
      if (content.replyTo !== undefined) payload = { quotedId: await quotedProviderId(tx, conversation, content.replyTo) };
    } else {
      if (conversation.channelType !== 'whatsapp') throw new AppError('TEMPLATES_NOT_SUPPORTED');
      const rule = outboundRule(window, 'template');
      if (!rule.allowed) throw new AppError(rule.code);
      const [template] = await tx
        .select()
        .from(templates)
        .where(
          and(
            eq(templates.id, content.templateId),
            eq(templates.channelId, conversation.channelId),
            eq(templates.workspaceId, workspace.id),
          ),
        );
      if (!template) throw new AppError('TEMPLATE_NOT_FOUND');
      if (template.status !== 'APPROVED') throw new AppError('TEMPLATE_NOT_APPROVED');
      if (template.category === 'MARKETING') {
        const [recipient] = await tx
          .select({ optedOutAt: contacts.marketingOptOutAt })
          .from(contacts)
          .where(eq(contacts.id, conversation.contactId));
        const refused = templateRefusedFor(template.category, recipient?.optedOutAt ?? null);
        if (refused) throw new AppError(refused);
      }
      const shape = { parameterFormat: template.parameterFormat, components: template.components as TTemplateComponent[] };
      const problems = validateTemplateParams(shape, content.params);
      if (problems.length > 0) throw new AppError('TEMPLATE_PARAMS_INVALID', undefined, { problems });
      body = renderTemplate(shape, content.params);
      const header = templateHeaderMedia(content, shape.components, workspace.id, userId);
      upload = header.upload;
      payload = header.payload;
      templateFields = {
        kind: 'template',
        templateName: template.name,
        templateLanguage: template.language,
        templateParams: content.params,
        // What the picker showed, stored as of this send: the month's spend adds these, whatever the card says later.
        ...(await templateCostFields(tx, workspace, conversation, template.category, window, now)),
      };
    }

    // A template outside the window is business-initiated: it may reach a new customer only within the number's
    // messaging limit. Replies inside a window are never held back (a Restricted number can still reply).
    if (isBusinessInitiated(window, content.kind === 'template' ? 'template' : 'text')) {
      const fits = await fitsMessagingLimit(tx, conversation.channelId, conversation.contactId, now);
      if (!fits.ok) throw new AppError('MESSAGING_LIMIT_REACHED', undefined, { freesUpAt: fits.usage.freesUpAt?.toISOString() ?? null });
    }

    const [sender] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
    const reopen = conversation.status === 'closed';
    const takeOver = reopen || conversation.assigneeId === null;
    const senderName = sender?.name ?? '';
    if (reopen) {
      await recordEvent(tx, workspace.id, conversation, userId, 'opened', {
        params: { actor: senderName, by: 'agent' },
      });
    }
    if (takeOver && conversation.assigneeId !== userId) {
      await recordEvent(tx, workspace.id, conversation, userId, 'assigned', {
        assigneeId: userId,
        params: { actor: senderName, assignee: senderName, self: 'send' },
      });
    }

    const [message] = await tx
      .insert(messages)
      .values({
        workspaceId: workspace.id,
        conversationId: conversation.id,
        channelId: conversation.channelId,
        direction: 'out',
        kind: 'text',
        body,
        authorId: userId,
        status: 'queued',
        clientKey: input.clientKey,
        messagingTag,
        payload,
        ...templateFields,
      })
      .returning({ id: messages.id });

    if (upload) await attachUpload(tx, message!.id, upload);

    // A template outside the customer's window is business-initiated: it counts toward the number's messaging limit.
    if (isBusinessInitiated(window, content.kind === 'template' ? 'template' : 'text')) {
      await tx.insert(businessInitiatedSends).values({
        workspaceId: workspace.id,
        channelId: conversation.channelId,
        contactId: conversation.contactId,
        messageId: message!.id,
        sentAt: now,
      });
    }

    await tx
      .update(conversations)
      .set({
        status: 'open',
        closedAt: null,
        assigneeId: takeOver ? userId : conversation.assigneeId,
        lastMessageAt: now,
        previewText: clipText(previewText ?? body, PREVIEW_MAX),
        previewMedia,
        previewDirection: 'out',
        waitingSince: null,
        unreadCount: 0,
        updatedAt: now,
      })
      .where(eq(conversations.id, conversation.id));
    // The number and the conversation travel with the job, so the dispatcher can hold back a paused number's sends,
    // and keep a customer's messages one at a time, in order, without a lookup.
    await enqueue(tx, QUEUES.send, {
      messageId: message!.id,
      channelId: conversation.channelId,
      workspaceId: workspace.id,
      conversationId: conversation.id,
    });
    await notify(tx, {
      type: 'message.created',
      workspaceId: workspace.id,
      conversationId: conversation.id,
      messageId: message!.id,
      assigneeId: takeOver ? userId : conversation.assigneeId,
      previousAssigneeId: conversation.assigneeId,
      actorId: userId,
    });
    return { messageId: message!.id, duplicate: false };
  });
}
