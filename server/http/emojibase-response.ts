import pkg from 'emojibase-data/package.json';

/**
 * The installed emojibase-data, served as JSON with its version as the ETag: frimousse keeps the data in the
 * browser's storage and asks again (a HEAD) only to see whether that version changed.
 */
export function emojibaseResponse(body: unknown): Response {
  return Response.json(body, {
    headers: { ETag: `"emojibase-${pkg.version}"`, 'Cache-Control': 'public, max-age=86400' },
  });
}
