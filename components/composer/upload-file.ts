import type { TMediaFileKind, TMediaRefusal } from '@/server/domain/media-rules';

export type TUploaded = { uploadId: string; kind: TMediaFileKind; mime: string; size: number; fileName: string | null };
export type TUploadFailure =
  | { refused: TMediaRefusal; limitBytes?: number }
  | { failed: 'storage' | 'interrupted' | 'other' };

/**
 * Uploads one file to /api/uploads (server/http/media-upload.ts) with XMLHttpRequest, the one browser API that
 * reports upload progress; the raw file is the body, its name goes in x-file-name. Resolves with the upload's id or
 * why it was refused (the server's own check by content, which may differ from the browser's by name).
 */
export function uploadFile(file: File, kind: TMediaFileKind, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<TUploaded | TUploadFailure> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/uploads?kind=${kind}`);
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: { uploadId?: string; error?: { code?: string; reason?: TMediaRefusal; limitBytes?: number } } & Partial<TUploaded> = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: a proxy's page; treated as a failure below
      }
      if (xhr.status === 201 && body.uploadId) return resolve(body as TUploaded);
      if (body.error?.code === 'MEDIA_REFUSED' && body.error.reason) return resolve({ refused: body.error.reason, limitBytes: body.error.limitBytes });
      resolve({ failed: body.error?.code === 'MEDIA_STORAGE_FAILED' ? 'storage' : 'other' });
    };
    xhr.onerror = () => resolve({ failed: 'interrupted' });
    xhr.onabort = () => resolve({ failed: 'interrupted' });
    signal.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}
