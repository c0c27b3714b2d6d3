/**
 * Closing-soon alerts: a waiting customer (their message is the last, unanswered) whose window will close within one
 * of the workspace's lead times alerts ahead of time, once per lead time per window. Pure: the sweeper's claiming
 * statement spells the same rule in SQL (server/services/conversations/closing-alerts.ts), and its integration test
 * holds the two together.
 */

/** The lead times, in minutes before the window closes, a workspace starts with. */
export const CLOSING_ALERT_MINUTES_DEFAULT: readonly number[] = [60, 15];
export const CLOSING_ALERT_MINUTES_MIN = 1;
/** Half the 24 h window: an alert further ahead would ring for nearly every customer who writes. */
export const CLOSING_ALERT_MINUTES_MAX = 720;
export const CLOSING_ALERTS_MAX = 2;

const MINUTE = 60_000;

/**
 * What was last alerted on a conversation: the window deadline it was for, and the smallest lead time alerted for
 * it (lead stages are nested: alerting at 15 minutes means 60 was passed too). A new customer message moves the
 * deadline, so the marker no longer matches and every stage is armed again.
 */
export type TClosingAlertMarker = { deadline: Date | null; minutes: number | null };

export type TClosingAlertInput = {
  /** The workspace's lead times in minutes (any order). */
  leads: readonly number[];
  now: Date;
  /** conversations.window_closes_at: null on channels without a window. */
  deadline: Date | null;
  /** conversations.waiting_since is set: the customer wrote last. An agent's reply clears it and cancels alerts. */
  waiting: boolean;
  /** Only open conversations alert. */
  open: boolean;
  marker: TClosingAlertMarker;
};

/**
 * The lead stage due now, or null when nothing is. A stage is due once the time left is at most its lead (exactly at
 * the lead time counts) and the window is still open; when several are due at once (a conversation that arrived
 * already inside them), only the smallest alerts, once, and the larger ones are passed with it.
 */
export function dueClosingAlert(input: TClosingAlertInput): number | null {
  const { deadline, marker } = input;
  if (!input.open || !input.waiting || !deadline) return null;
  const left = deadline.getTime() - input.now.getTime();
  if (left <= 0) return null;
  const due = input.leads.filter((lead) => left <= lead * MINUTE);
  if (due.length === 0) return null;
  const stage = Math.min(...due);
  const sameWindow = marker.deadline !== null && marker.deadline.getTime() === deadline.getTime();
  if (sameWindow && marker.minutes !== null && marker.minutes <= stage) return null;
  return stage;
}

/** Whole minutes left, rounded up (9 min 10 s reads "10 minutes"); at least 1 while the window is open. */
export function minutesLeft(deadline: Date, now: Date): number {
  return Math.max(1, Math.ceil((deadline.getTime() - now.getTime()) / MINUTE));
}

/** The first (largest) lead time: the "Closing soon" view lists waiting customers within it. */
export function closingSoonHorizonMinutes(leads: readonly number[]): number {
  return leads.length > 0 ? Math.max(...leads) : Math.max(...CLOSING_ALERT_MINUTES_DEFAULT);
}
