import type { TDbOrTx } from '@/db/client';
import { messageMedia } from '@/db/schema';
import type { TMediaFileKind, TPreviewMedia } from '@/server/domain/media-rules';
import { headerMediaKind, takesCaption, takesFileName } from '@/server/domain/outbound-media';
import type { TTemplateComponent } from '@/server/domain/templates';
import { AppError } from '@/server/errors';
import { secretsKey } from '@/server/secrets/key';
import { openUpload, type TUploadFacts } from '@/server/services/media/upload-token';
import type { TSendInput } from './schemas';

/**
 * An upload named in a send: genuine, unexpired, and uploaded by this user in this workspace. Anything else is
 * NOT_FOUND, as another workspace's conversation is: nobody learns whether it exists.
 */
export function ownUpload(uploadId: string, workspaceId: string, userId: string): TUploadFacts {
  const facts = openUpload(uploadId, secretsKey());
  if (!facts || facts.workspaceId !== workspaceId || facts.userId !== userId) throw new AppError('NOT_FOUND');
  return facts;
}

/** What a media message stores: its kind, its caption as the body (for kinds that take one), its list preview. */
export function mediaMessage(facts: TUploadFacts, caption: string | undefined) {
  const body = caption && takesCaption(facts.kind) ? caption : '';
  const previewMedia: TPreviewMedia = { kind: facts.kind, ...(facts.fileName && takesFileName(facts.kind) ? { fileName: facts.fileName } : {}) };
  // preview_text keeps the caption, else an English fallback for logs and exports (the list renders previewMedia).
  return { kind: facts.kind as TMediaFileKind, body, previewMedia, previewText: body || (facts.fileName ?? `[${facts.kind}]`) };
}

type TTemplateContent = Extract<TSendInput['content'], { kind: 'template' }>;

/**
 * A template's header media, checked against what the header wants: an upload (its file goes out like a media
 * message's, uploaded by the send job) or a link (stored in the payload). A media header needs one; a text header none.
 */
export function templateHeaderMedia(
  content: TTemplateContent,
  components: TTemplateComponent[],
  workspaceId: string,
  userId: string,
): { upload: TUploadFacts | null; payload: Record<string, unknown> | null } {
  const wanted = headerMediaKind(components);
  const given = content.headerMedia;
  if (!wanted && !given) return { upload: null, payload: null };
  if (!wanted || !given) throw new AppError('TEMPLATE_HEADER_MEDIA_INVALID');
  if ('link' in given) {
    if (given.kind !== wanted) throw new AppError('TEMPLATE_HEADER_MEDIA_INVALID');
    return { upload: null, payload: { headerLink: { kind: wanted, link: given.link } } };
  }
  const upload = ownUpload(given.uploadId, workspaceId, userId);
  if (upload.kind !== wanted) throw new AppError('TEMPLATE_HEADER_MEDIA_INVALID');
  return { upload, payload: null };
}

/** The message's file row: already stored (the upload), to be uploaded to Meta by the send job. */
export async function attachUpload(tx: TDbOrTx, messageId: number, facts: TUploadFacts): Promise<void> {
  await tx.insert(messageMedia).values({
    messageId,
    workspaceId: facts.workspaceId,
    mimeType: facts.mime,
    sizeBytes: facts.size,
    sha256: facts.sha256,
    fileName: facts.fileName,
    storageKey: facts.storageKey,
    state: 'stored',
  });
}
