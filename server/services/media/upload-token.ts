import { createHmac, timingSafeEqual } from 'node:crypto';
import { isMediaFileKind, type TMediaFileKind } from '@/server/domain/media-rules';
import { isMediaKey } from './storage';

/**
 * An upload id is the stored file's facts signed with a key derived from the secrets key: the composer uploads a file
 * (server/http/media-upload.ts), gets this id back, and names it in message.send. Signing binds it to the workspace
 * and the user who uploaded it without a table of pending uploads (the bytes are in the storage under a key of that
 * workspace already); the send checks both, so another workspace's id is refused as NOT_FOUND. It expires after a
 * day: a composer keeps an attachment for minutes, not for weeks.
 */
export type TUploadFacts = {
  workspaceId: string;
  userId: string;
  storageKey: string;
  kind: TMediaFileKind;
  mime: string;
  size: number;
  sha256: string;
  fileName: string | null;
  /** Seconds since the epoch when it was uploaded. */
  at: number;
};

export const UPLOAD_TOKEN_TTL_SECONDS = 24 * 3600;

const macOf = (key: Buffer, body: string) => createHmac('sha256', key).update('media-upload:v1:').update(body).digest();

/** `<base64url json>.<base64url mac>` */
export function signUpload(facts: TUploadFacts, key: Buffer): string {
  const body = Buffer.from(JSON.stringify(facts)).toString('base64url');
  return `${body}.${macOf(key, body).toString('base64url')}`;
}

/** The facts of a genuine, unexpired id; null for anything else (forged, altered, expired, malformed). */
export function openUpload(token: string, key: Buffer, nowSeconds = Math.floor(Date.now() / 1000)): TUploadFacts | null {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return null;
  const expected = macOf(key, body);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let facts: TUploadFacts;
  try {
    facts = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TUploadFacts;
  } catch {
    return null;
  }
  if (!isMediaKey(facts.storageKey) || !isMediaFileKind(facts.kind) || typeof facts.at !== 'number') return null;
  if (nowSeconds - facts.at > UPLOAD_TOKEN_TTL_SECONDS || facts.at - nowSeconds > 300) return null;
  return facts;
}
