/**
 * The download queue's name and policy, apart from server/jobs so ingest's statement can name it without importing
 * the job layer. A download retries itself (attempts in message_media, ./download.ts); pg-boss's retries only cover a
 * worker that died mid-download. Expiry is above a slow 100 MB download.
 */
export const MEDIA_DOWNLOAD_QUEUE = 'media-download';
export const MEDIA_DOWNLOAD_POLICY = { retryLimit: 8, retryDelay: 5, retryBackoff: true, expireInSeconds: 600 } as const;
/** Attempts before a file is marked unavailable (download_failed): transient failures are retried with backoff. */
export const MEDIA_DOWNLOAD_ATTEMPTS = 5;
