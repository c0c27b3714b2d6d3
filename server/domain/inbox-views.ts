export const INBOX_VIEWS = ['mine', 'unassigned', 'all'] as const;
export type TInboxView = (typeof INBOX_VIEWS)[number];
