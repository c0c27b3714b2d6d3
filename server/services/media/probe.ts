import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { parseBuffer } from 'music-metadata';
import { isAnimatedWebp, judgeMedia, looksLikeText, type TMediaFileKind, type TMediaVerdict } from '@/server/domain/media-rules';

export type TProbed = {
  verdict: TMediaVerdict;
  animated: boolean;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
};

/**
 * What a file really is, from its bytes: the sniffed type judged by the media rules (server/domain/media-rules.ts),
 * and, for a file that passes, its dimensions (images, stickers) or duration (audio, video) where the format says.
 * A file whose size or duration cannot be read is still stored: those are shown when known.
 */
export async function probeMedia(
  bytes: Buffer,
  declared: { kind: TMediaFileKind | null; fileName: string | null; animated?: boolean },
): Promise<TProbed> {
  const sniffed = await fileTypeFromBuffer(bytes);
  const head = bytes.subarray(0, 4096);
  const animated = sniffed?.mime === 'image/webp' ? isAnimatedWebp(head) : false;
  const verdict = judgeMedia({
    sniffedMime: sniffed?.mime ?? null,
    plainText: sniffed ? false : looksLikeText(head),
    fileName: declared.fileName,
    size: bytes.length,
    declaredKind: declared.kind,
    animated: animated || (declared.animated ?? false),
  });
  const probed: TProbed = { verdict, animated, width: null, height: null, durationSeconds: null };
  if (!verdict.ok) return probed;
  if (verdict.kind === 'image' || verdict.kind === 'sticker') {
    try {
      const size = imageSize(bytes);
      probed.width = size.width ?? null;
      probed.height = size.height ?? null;
    } catch {
      // A format image-size cannot read: no dimensions.
    }
  }
  if (verdict.kind === 'audio' || verdict.kind === 'video') {
    try {
      const metadata = await parseBuffer(bytes, { mimeType: verdict.mime, size: bytes.length }, { duration: true, skipCovers: true });
      const duration = metadata.format.duration;
      probed.durationSeconds =
        duration !== undefined && Number.isFinite(duration) && duration >= 0 ? Math.round(duration * 1000) / 1000 : null;
    } catch {
      // Unreadable metadata: the player finds the duration itself.
    }
  }
  return probed;
}
