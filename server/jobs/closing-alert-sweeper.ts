import type { TDb } from '@/db/client';
import { logger } from '@/server/logger';
import { sweepClosingAlerts } from '@/server/services/conversations/closing-alerts';

/**
 * Closing-soon alerts, swept in every worker process (at start, then every `intervalMs`): not a pg-boss cron, whose
 * finest period is a minute, too coarse for a 15-minute warning. Every process may sweep at once; the claim is one
 * atomic UPDATE per batch, so each alert still fires once. A sweep never overlaps the previous one in a process.
 */
export function startClosingAlertSweeper(db: TDb, intervalMs: number) {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const sweep = () => {
    if (busy || stopped) return;
    busy = true;
    running = sweepClosingAlerts(db)
      .then((sent) => {
        if (sent.length > 0) logger.debug({ alerts: sent.length }, 'closing-soon alerts sent');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'closing-soon sweep failed; the next one will retry'))
      .finally(() => {
        busy = false;
      });
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
