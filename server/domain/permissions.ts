/** A member's role in a workspace, from least to most trusted. */
export const ROLES = ['agent', 'supervisor', 'admin'] as const;
export type TRole = (typeof ROLES)[number];
