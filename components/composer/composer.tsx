'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { useWindowState } from '@/components/window/window-chip';
import type { TChannelType } from '@/server/domain/channel-types';
import { outboundRule } from '@/server/domain/window';
import { NoteBox } from './note-box';
import { useTemplateRequest } from './template-request';
import { TemplatePicker } from './template-picker';
import { setReplyTarget, useReplyTarget } from '@/components/conversation/reply-target';
import { ReplyingTo } from './replying-to';
import { useSavedRepliesMenu } from './saved-replies-menu';
import { ComposerTools } from './composer-tools';
import { insertIntoTextarea } from './insert-at-caret';
import { TextBox } from './text-box';
import { AttachButton, AttachmentDropZone, AttachmentTray } from './attachment-tray';
import { useAttachments } from './use-attachments';
import { useSendAttachments } from './send-attachments';
import type { THeaderMedia } from './header-media';

type TProps = {
  conversationId: string;
  channelType: TChannelType;
  lastInboundAt: Date | null;
  contact: { firstName: string | null; lastName: string | null; fields: Record<string, string> };
  /** The end of the conversation's free entry point (ISO), when it has one: templates are free until then. */
  freeEntryUntil?: string | null;
};

type TSwap = 'lapsedNow' | 'tagNow' | 'closedNow';

const draftKey = (id: string, mode: string) => `nafidha:draft:${id}:${mode}`;

function useDraft(conversationId: string, mode: 'reply' | 'note') {
  const [text, setText] = useState(() =>
    typeof window === 'undefined' ? '' : (sessionStorage.getItem(draftKey(conversationId, mode)) ?? ''),
  );
  useEffect(() => {
    if (text) sessionStorage.setItem(draftKey(conversationId, mode), text);
    else sessionStorage.removeItem(draftKey(conversationId, mode));
  }, [conversationId, mode, text]);
  return [text, setText] as const;
}

/**
 * The composer follows the window: free-form while it is open (or on channels without one), the human-agent tag
 * notice in the Messenger/Instagram tag period, the template picker once a WhatsApp window lapsed, and nothing but
 * an explanation when the channel accepts no outbound. Notes are always possible. The typed draft is kept through
 * every swap (and a reload), and the swap itself is announced.
 */
export function Composer({ conversationId, channelType, lastInboundAt, contact, freeEntryUntil = null }: TProps) {
  const t = useTranslations('composer');
  const tc = useTranslations('channels');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const windowState = useWindowState(channelType, lastInboundAt);
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [reply, setReply] = useDraft(conversationId, 'reply');
  const [note, setNote] = useDraft(conversationId, 'note');
  const [error, setError] = useState<string | null>(null);
  // Inside an open WhatsApp window an agent may still choose a template (a utility one is free there).
  const [templateMode, setTemplateMode] = useState(false);
  // The server is the judge: when it says the window lapsed, the composer swaps even if this clock disagrees. The
  // verdict holds for the customer message it was made against; a newer one opens a new window.
  const inboundAt = lastInboundAt?.getTime() ?? null;
  const [lapsedFor, setLapsedFor] = useState<number | null | undefined>(undefined);
  const serverSaysLapsed = lapsedFor !== undefined && lapsedFor === inboundAt;
  const [swapNotice, setSwapNotice] = useState<TSwap | null>(null);
  // One key per message being composed: a retried or double-clicked send of it is recognised by the server.
  const [clientKey, setClientKey] = useState(() => crypto.randomUUID());
  // The message "Reply" was chosen on, if any: the next text quotes it (WhatsApp's context.message_id).
  const replyTarget = useReplyTarget(conversationId);
  // Saved replies and emoji work on whichever draft is showing (reply or note), at its text box's caret.
  const textarea = useRef<HTMLTextAreaElement | null>(null);
  const [draft, setDraft] = mode === 'note' ? [note, setNote] : [reply, setReply];
  const savedReplies = useSavedRepliesMenu({ text: draft, setText: setDraft, textarea, contact });
  const tools = {
    textareaRef: textarea,
    textareaProps: savedReplies.textareaProps,
    above: savedReplies.popup,
    below: (
      <ComposerTools
        savedRepliesButton={savedReplies.button}
        onEmoji={(emoji) => insertIntoTextarea(textarea.current, draft, setDraft, emoji)}
      />
    ),
  };
  // Sent templates remount the picker, so its choice and values start afresh for the next one.
  const [templatesSent, setTemplatesSent] = useState(0);
  // A message refused for a closed window offers a template ("Pick a template"): show the picker and go to it.
  const root = useRef<HTMLDivElement>(null);
  useTemplateRequest(conversationId, () => {
    setMode('reply');
    setTemplateMode(true);
    requestAnimationFrame(() => root.current?.querySelector<HTMLElement>('section[role="region"] select')?.focus());
  });

  const effective = serverSaysLapsed && windowState === 'open' ? 'template_only' : windowState;
  // What free text may do now decides the composer: the text box (tagged or not), the template picker, or neither.
  const textRule = outboundRule({ state: effective }, 'text');
  const previous = useRef(effective);
  useEffect(() => {
    if (previous.current === effective) return;
    if (previous.current === 'open' && effective === 'template_only') setSwapNotice('lapsedNow');
    else if (previous.current === 'open' && effective === 'tag') setSwapNotice('tagNow');
    else if (previous.current === 'tag' && effective === 'closed_to_outbound') setSwapNotice('closedNow');
    else setSwapNotice(null);
    previous.current = effective;
  }, [effective]);

  const send = useMutation(
    trpc.message.send.mutationOptions({
      onSuccess: (_data, variables) => {
        setClientKey(crypto.randomUUID());
        setError(null);
        if (variables.content.kind === 'note') setNote('');
        else if (variables.content.kind === 'text') {
          setReply('');
          setReplyTarget(conversationId, null);
        } else {
          setTemplateMode(false);
          setTemplatesSent((n) => n + 1);
        }
        void queryClient.invalidateQueries({ queryKey: trpc.conversation.get.queryKey({ id: conversationId }) });
      },
      onError: (err) => {
        const code = (err.data as { appCode?: string } | undefined)?.appCode;
        if (code === 'WINDOW_LAPSED') setLapsedFor(inboundAt);
        setError(errorText(err));
      },
    }),
  );

  const offersTemplates = channelType === 'whatsapp' && effective === 'open';
  // Files go out on WhatsApp, where the window allows free-form (the same rule as text: textRule above).
  const attachments = useAttachments();
  const sendAttachments = useSendAttachments(conversationId, attachments, send.mutateAsync, clientKey);
  const sendTemplate = (templateId: string, params: Record<string, string>, headerMedia?: THeaderMedia) =>
    send.mutate({ conversationId, clientKey, content: { kind: 'template', templateId, params, ...(headerMedia ? { headerMedia } : {}) } });
  const submitText = (kind: 'text' | 'note', text: string) => {
    if (kind === 'text' && attachments.items.length > 0) {
      if (attachments.ready && !send.isPending) void sendAttachments(text).then((sent) => sent && setReply(''));
      return;
    }
    if (!text.trim() || send.isPending) return;
    const content = kind === 'text' && replyTarget ? { kind, text, replyTo: replyTarget.id } : { kind, text };
    send.mutate({ conversationId, clientKey, content });
  };
  const onKeyDown = (kind: 'text' | 'note', text: string) => (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // An open saved-replies list takes the arrows, Enter and Escape first.
    if (savedReplies.onKeyDown(event)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submitText(kind, text);
    }
  };

  return (
    <div ref={root} className="space-y-2 p-3" data-composer-mode={mode === 'note' ? 'note' : effective}>
      <div role="tablist" aria-label={t('mode')} className="flex gap-1 text-xs">
        {(['reply', 'note'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            data-shortcut={mode === m ? undefined : 'toggleNote'}
            onClick={() => setMode(m)}
            className={`rounded-md px-2.5 py-1 ${mode === m ? (m === 'note' ? 'bg-amber-100 text-amber-900' : 'bg-slate-900 text-white') : 'text-slate-600 hover:bg-slate-100'}`}
          >
            {t(m)}
          </button>
        ))}
      </div>
      {swapNotice && mode === 'reply' && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-1.5 text-xs text-amber-900">
          {t(swapNotice)}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-1.5 text-xs text-rose-800">
          {error}
        </p>
      )}

      {mode === 'note' ? (
        <NoteBox
          label={t('noteBox')}
          buttonLabel={t('addNote')}
          pendingLabel={t('sending')}
          placeholder={t('notePlaceholder')}
          value={note}
          onChange={setNote}
          onSubmit={(text) => submitText('note', text)}
          pending={send.isPending}
          {...tools}
          onKeyDownFirst={savedReplies.onKeyDown}
        />
      ) : !textRule.allowed && textRule.code === 'WINDOW_LAPSED' ? (
        <>
          {reply && (
            <p className="text-xs text-slate-500">
              {t('draftKept')}{' '}
              <span dir="auto" className="italic">
                {reply.slice(0, 80)}
              </span>
            </p>
          )}
          <TemplatePicker
            key={templatesSent}
            conversationId={conversationId}
            contact={contact}
            pending={send.isPending}
            freeEntryUntil={freeEntryUntil}
            onSend={sendTemplate}
          />
        </>
      ) : templateMode && offersTemplates ? (
        <>
          <TemplatePicker
            conversationId={conversationId}
            contact={contact}
            pending={send.isPending}
            windowOpen
            freeEntryUntil={freeEntryUntil}
            onSend={sendTemplate}
          />
          <button type="button" onClick={() => setTemplateMode(false)} className="text-xs text-brand-700 underline">
            {t('backToText')}
          </button>
        </>
      ) : !textRule.allowed ? (
        <div>
          <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
            {t('closedToOutbound', { channel: tc(channelType) })}
          </p>
          <textarea
            aria-label={t('message')}
            disabled
            value={reply}
            readOnly
            className="mt-2 block w-full rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm"
            rows={2}
          />
        </div>
      ) : (
        <>
          {textRule.tag && (
            <p role="note" className="rounded-md bg-sky-50 px-3 py-1.5 text-xs text-sky-900">
              {t('tagNotice')}
            </p>
          )}
          {replyTarget && <ReplyingTo target={replyTarget} onCancel={() => setReplyTarget(conversationId, null)} />}
          <AttachmentDropZone attachments={attachments}>
            <AttachmentTray attachments={attachments} />
            <TextBox
              label={t('message')}
              buttonLabel={t('send')}
              pendingLabel={t('sending')}
              placeholder={t('replyPlaceholder')}
              value={reply}
              onChange={setReply}
              onKeyDown={onKeyDown('text', reply)}
              onSubmit={() => submitText('text', reply)}
              pending={send.isPending || (attachments.items.length > 0 && !attachments.ready)}
              canSendEmpty={attachments.ready}
              {...tools}
            />
          </AttachmentDropZone>
          <div className="flex gap-3">
            {channelType === 'whatsapp' && <AttachButton attachments={attachments} />}
            {offersTemplates && (
              <button type="button" onClick={() => setTemplateMode(true)} className="text-xs text-brand-700 underline">
                {t('useTemplate')}
              </button>
            )}
          </div>
        </>
      )}
    </div>
  );
}
