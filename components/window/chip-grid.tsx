'use client';

import { useState } from 'react';
import { CLOSING_SOON_MS, FREE_WINDOW_MS } from '@/server/domain/window';
import { WindowChip } from './window-chip';

export function ChipGrid({ count }: { count: number }) {
  // Customers who wrote 23h to 23h59m ago: every chip is in its last (closing) hour and changes each second.
  const [inbound] = useState(() =>
    Array.from({ length: count }, (_, i) => new Date(Date.now() - (FREE_WINDOW_MS - CLOSING_SOON_MS) - ((i * 7) % 3_540) * 1000)),
  );
  return (
    <main className="grid grid-cols-10 gap-1 p-2" data-testid="chip-grid">
      {inbound.map((at, i) => (
        <WindowChip key={i} channelType="whatsapp" lastInboundAt={at} />
      ))}
    </main>
  );
}
