/** The demo workspace's people; printed at start and documented in the README. */
export const DEMO_PASSWORD = 'nafidha-demo';

export const DEMO_USERS = [
  { key: 'admin', email: 'admin@nafidha.test', name: 'Lina Haddad', role: 'admin', locale: 'en' },
  { key: 'supervisor', email: 'supervisor@nafidha.test', name: 'Omar Khalil', role: 'supervisor', locale: 'en' },
  { key: 'agent1', email: 'agent1@nafidha.test', name: 'Sara Al-Qahtani', role: 'agent', locale: 'ar' },
  { key: 'agent2', email: 'agent2@nafidha.test', name: 'Yousef Mansour', role: 'agent', locale: 'en' },
  { key: 'agent3', email: 'agent3@nafidha.test', name: 'Emily Carter', role: 'agent', locale: 'en' },
] as const;

export type TDemoUserKey = (typeof DEMO_USERS)[number]['key'];
