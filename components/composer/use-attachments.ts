'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { judgeMedia, type TMediaFileKind } from '@/server/domain/media-rules';
import { uploadFile, type TUploadFailure } from './upload-file';

export type TAttachment = {
  id: string;
  name: string;
  kind: TMediaFileKind;
  /** An object URL for an image's thumbnail (revoked when it is removed). */
  previewUrl: string | null;
  progress: number;
  uploadId: string | null;
  /** Each file is its own message: its own key, so a retried send of it is never sent twice. */
  clientKey: string;
};

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`);

/**
 * The composer's files: each checked in the browser against the same media rules as the server (by its declared
 * type, the browser's guess from the name: the server checks again by content), then uploaded at once with its
 * progress. A refused file is not added; why is said in `refusals`, in the reader's language.
 */
export function useAttachments() {
  const t = useTranslations('attachments');
  const [items, setItems] = useState<TAttachment[]>([]);
  const [refusals, setRefusals] = useState<string[]>([]);
  const uploads = useRef(new Map<string, AbortController>());

  const patch = (id: string, change: Partial<TAttachment>) => setItems((all) => all.map((item) => (item.id === id ? { ...item, ...change } : item)));
  const failureText = useCallback(
    (name: string, failure: TUploadFailure) =>
      'refused' in failure
        ? t(`refused.${failure.refused}`, { name, limit: sizeText(failure.limitBytes ?? 0) })
        : t('uploadFailed', { name, reason: t(failure.failed === 'storage' ? 'storageFailed' : 'uploadInterrupted') }),
    [t],
  );

  const remove = useCallback((id: string) => {
    uploads.current.get(id)?.abort();
    uploads.current.delete(id);
    setItems((all) => {
      const gone = all.find((item) => item.id === id);
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      return all.filter((item) => item.id !== id);
    });
  }, []);

  const add = useCallback(
    (files: readonly File[]) => {
      const refused: string[] = [];
      for (const file of files) {
        const type = file.type.toLowerCase();
        const verdict = judgeMedia({ sniffedMime: type || null, plainText: type === 'text/plain', fileName: file.name, size: file.size });
        if (!verdict.ok) {
          refused.push(failureText(file.name, { refused: verdict.reason, limitBytes: verdict.limitBytes }));
          continue;
        }
        const id = crypto.randomUUID();
        const previewUrl = verdict.kind === 'image' || verdict.kind === 'sticker' ? URL.createObjectURL(file) : null;
        const item: TAttachment = { id, name: file.name, kind: verdict.kind, previewUrl, progress: 0, uploadId: null, clientKey: crypto.randomUUID() };
        setItems((all) => [...all, item]);
        const controller = new AbortController();
        uploads.current.set(id, controller);
        void uploadFile(file, verdict.kind, (progress) => patch(id, { progress }), controller.signal).then((result) => {
          if (controller.signal.aborted) return;
          uploads.current.delete(id);
          if ('uploadId' in result) return patch(id, { uploadId: result.uploadId, kind: result.kind, progress: 1 });
          remove(id);
          setRefusals((all) => [...all, failureText(file.name, result)]);
        });
      }
      setRefusals(refused);
    },
    [failureText, remove],
  );

  // Leaving the conversation drops its files (and stops their uploads).
  useEffect(() => {
    const current = uploads.current;
    return () => current.forEach((controller) => controller.abort());
  }, []);

  const ready = items.length > 0 && items.every((item) => item.uploadId !== null);
  return { items, refusals, add, remove, ready, clearRefusals: () => setRefusals([]) };
}
export type TAttachments = ReturnType<typeof useAttachments>;
