import { notFound } from 'next/navigation';
import { ChipGrid } from '@/components/window/chip-grid';
import { simulatorEnabled } from '@/server/env';

export const dynamic = 'force-dynamic';

/** Benchmark page (dev tools only): N countdown chips, all in their last hour so every one changes every second. */
export default async function ChipsBenchPage({ searchParams }: { searchParams: Promise<{ count?: string }> }) {
  if (!simulatorEnabled()) notFound();
  const count = Math.min(2000, Math.max(1, Number((await searchParams).count) || 500));
  return <ChipGrid count={count} />;
}
