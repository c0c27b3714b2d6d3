import data from 'emojibase-data/en/data.json';
import { emojibaseResponse } from '@/server/http/emojibase-response';

/** The emoji picker's data (frimousse reads `${emojibaseUrl}/en/data.json`), from our own origin: no CDN, no internet. */
export const dynamic = 'force-static';

export function GET() {
  return emojibaseResponse(data);
}
