'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { judgeMedia } from '@/server/domain/media-rules';
import { isHeaderMediaLink, type THeaderMediaKind } from '@/server/domain/outbound-media';
import { uploadFile } from './upload-file';

export type THeaderMedia = { uploadId: string } | { kind: THeaderMediaKind; link: string };

/**
 * A template's image, video or document header: a file (checked and uploaded like the composer's attachments) or an
 * https link Meta fetches, previewed before sending. `onChange` gets what the send carries, or null while none.
 */
export function HeaderMediaInput({ kind, onChange }: { kind: THeaderMediaKind; onChange: (value: THeaderMedia | null) => void }) {
  const t = useTranslations('attachments');
  const input = useRef<HTMLInputElement>(null);
  const [link, setLink] = useState('');
  const [file, setFile] = useState<{ name: string; url: string; uploadId: string | null; progress: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const linkOk = isHeaderMediaLink(link.trim());

  useEffect(() => {
    if (file?.uploadId) onChange({ uploadId: file.uploadId });
    else if (!file && linkOk) onChange({ kind, link: link.trim() });
    else onChange(null);
  }, [file, kind, link, linkOk, onChange]);
  useEffect(() => () => (file ? URL.revokeObjectURL(file.url) : undefined), [file]);

  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    const verdict = judgeMedia({
      sniffedMime: chosen.type || null,
      plainText: chosen.type === 'text/plain',
      fileName: chosen.name,
      size: chosen.size,
      declaredKind: kind,
    });
    if (!verdict.ok)
      return setProblem(
        t(`refused.${verdict.reason}`, { name: chosen.name, limit: `${Math.round((verdict.limitBytes ?? 0) / 1048576)} MB` }),
      );
    setProblem(null);
    const url = URL.createObjectURL(chosen);
    setFile({ name: chosen.name, url, uploadId: null, progress: 0 });
    void uploadFile(
      chosen,
      kind,
      (progress) => setFile((f) => (f && f.url === url ? { ...f, progress } : f)),
      new AbortController().signal,
    ).then((result) => {
      if ('uploadId' in result) return setFile((f) => (f && f.url === url ? { ...f, uploadId: result.uploadId, progress: 1 } : f));
      setFile(null);
      setProblem(
        'refused' in result
          ? t(`refused.${result.refused}`, { name: chosen.name, limit: '' })
          : t('uploadFailed', { name: chosen.name, reason: t('uploadInterrupted') }),
      );
    });
  };

  const previewSource = file?.url ?? (linkOk ? link.trim() : null);
  return (
    <div className="space-y-1 rounded-md border border-slate-200 p-2 text-xs">
      <p>{t('headerNeeded', { kind: t(`kinds.${kind}`) })}</p>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" onClick={() => input.current?.click()} className="text-brand-700 underline">
          {t('headerFile')}
        </button>
        <input
          ref={input}
          type="file"
          hidden
          accept={kind === 'image' ? 'image/jpeg,image/png' : kind === 'video' ? 'video/mp4,video/3gpp' : undefined}
          onChange={(e) => choose(e.target.files?.[0])}
        />
        <input
          type="url"
          aria-label={t('headerLink')}
          placeholder={t('headerLinkPlaceholder')}
          value={link}
          disabled={!!file}
          onChange={(e) => setLink(e.target.value)}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1"
        />
        {file && (
          <button type="button" onClick={() => setFile(null)} className="text-slate-500 underline">
            {t('remove')}
          </button>
        )}
      </div>
      {link.trim() && !linkOk && !file && (
        <p role="alert" className="text-rose-800">
          {t('headerLinkInvalid')}
        </p>
      )}
      {problem && (
        <p role="alert" className="text-rose-800">
          {problem}
        </p>
      )}
      {file && file.uploadId === null && (
        <span
          role="progressbar"
          aria-label={t('uploading', { name: file.name })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(file.progress * 100)}
          className="block h-1.5 w-24 overflow-hidden rounded bg-slate-200"
        >
          <span className="block h-full bg-brand-600" style={{ width: `${Math.round(file.progress * 100)}%` }} />
        </span>
      )}
      {previewSource && (
        <figure aria-label={t('headerPreview')} className="max-w-48">
          {kind === 'image' ? (
            <img src={previewSource} alt={t('headerPreview')} className="max-h-32 rounded" />
          ) : kind === 'video' ? (
            <video src={previewSource} controls className="max-h-32 rounded" />
          ) : (
            <span dir="auto">{`📄 ${file?.name ?? previewSource}`}</span>
          )}
        </figure>
      )}
    </div>
  );
}
