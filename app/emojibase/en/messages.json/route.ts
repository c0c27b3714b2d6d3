import messages from 'emojibase-data/en/messages.json';
import { emojibaseResponse } from '@/server/http/emojibase-response';

/** The emoji picker's category and skin-tone names (frimousse reads `${emojibaseUrl}/en/messages.json`). */
export const dynamic = 'force-static';

export function GET() {
  return emojibaseResponse(messages);
}
