'use client';

import { useTranslations } from 'next-intl';
import { useRef, type ClipboardEvent, type DragEvent, type ReactNode } from 'react';
import type { TAttachments } from './use-attachments';

/** Files from a drop or a paste (a pasted screenshot is a file too). */
const filesOf = (list: FileList | null | undefined) => (list ? Array.from(list) : []);

/**
 * "Attach file" (the file chooser), drag-and-drop and paste onto the composer, and a preview of each file with its
 * upload progress and "Remove attachment". Names: UI-CONTRACT "Media".
 */
export function AttachmentDropZone({ attachments, children }: { attachments: TAttachments; children: ReactNode }) {
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    if (event.dataTransfer.files.length === 0) return;
    event.preventDefault();
    attachments.add(filesOf(event.dataTransfer.files));
  };
  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    const files = filesOf(event.clipboardData?.files);
    if (files.length === 0) return; // a text paste goes on into the text box
    event.preventDefault();
    attachments.add(files);
  };
  return (
    <div
      data-testid="attachment-drop-zone"
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) event.preventDefault();
      }}
      onDrop={onDrop}
      onPaste={onPaste}
      className="space-y-2"
    >
      {children}
    </div>
  );
}

export function AttachButton({ attachments }: { attachments: TAttachments }) {
  const t = useTranslations('attachments');
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} className="text-xs text-brand-700 underline">
        {'📎'} {t('attach')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        onChange={(event) => {
          attachments.add(filesOf(event.target.files));
          event.target.value = ''; // the same file may be chosen again after removing it
        }}
      />
    </>
  );
}

export function AttachmentTray({ attachments }: { attachments: TAttachments }) {
  const t = useTranslations('attachments');
  if (attachments.items.length === 0 && attachments.refusals.length === 0) return null;
  return (
    <div className="space-y-1">
      {attachments.refusals.map((text) => (
        <p key={text} role="alert" className="rounded-md bg-rose-50 px-3 py-1.5 text-xs text-rose-800">
          {text}
        </p>
      ))}
      {attachments.items.length > 0 && (
        <ul aria-label={t('attachments')} className="flex flex-wrap gap-2">
          {attachments.items.map((item) => (
            <li key={item.id} data-attachment-kind={item.kind} className="flex items-center gap-2 rounded-lg border border-slate-200 bg-slate-50 p-1.5 text-xs">
              {item.previewUrl ? (
                <img src={item.previewUrl} alt={item.name} className="h-10 w-10 rounded object-cover" />
              ) : (
                <span aria-hidden="true">{'📄'}</span>
              )}
              <span dir="auto" className="max-w-40 truncate">
                {item.name}
              </span>
              {item.uploadId === null ? (
                <span
                  role="progressbar"
                  aria-label={t('uploading', { name: item.name })}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(item.progress * 100)}
                  className="block h-1.5 w-16 overflow-hidden rounded bg-slate-200"
                >
                  <span className="block h-full bg-brand-600" style={{ width: `${Math.round(item.progress * 100)}%` }} />
                </span>
              ) : (
                <span className="text-emerald-700">{t('uploaded')}</span>
              )}
              <button type="button" onClick={() => attachments.remove(item.id)} aria-label={t('remove')} title={t('remove')} className="px-1 text-slate-500 hover:text-rose-700">
                {'✕'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
