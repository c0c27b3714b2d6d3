/**
 * The demo workspace's people; printed at start and documented in the README. No language is preset: each one's
 * is taken from their browser at the first sign-in and kept on the profile from then on.
 */
export const DEMO_PASSWORD = 'nafidha-demo';

export const DEMO_USERS = [
  { key: 'admin', email: 'admin@nafidha.test', name: 'Lina Haddad', role: 'admin', locale: null },
  { key: 'supervisor', email: 'supervisor@nafidha.test', name: 'Omar Khalil', role: 'supervisor', locale: null },
  { key: 'agent1', email: 'agent1@nafidha.test', name: 'Sara Al-Qahtani', role: 'agent', locale: null },
  { key: 'agent2', email: 'agent2@nafidha.test', name: 'Yousef Mansour', role: 'agent', locale: null },
  { key: 'agent3', email: 'agent3@nafidha.test', name: 'Emily Carter', role: 'agent', locale: null },
] as const;

export type TDemoUserKey = (typeof DEMO_USERS)[number]['key'];
