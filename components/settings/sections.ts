import type { TActorAction } from '@/server/domain/permissions';

/**
 * The sections of Settings, in the order the navigation lists them; each is shown to whoever `can` do its action
 * (the page and its procedures refuse everyone else). `key` names its label in the catalogs' `settings.nav`.
 */
export const SETTINGS_SECTIONS = [
  { key: 'channels', href: '/settings/channels', action: 'channel.manage' },
  { key: 'users', href: '/settings/users', action: 'user.manage' },
  { key: 'teams', href: '/settings/teams', action: 'team.view' },
  { key: 'workspace', href: '/settings/workspace', action: 'workspace.manage' },
  { key: 'templates', href: '/settings/templates', action: 'template.view' },
  { key: 'savedReplies', href: '/settings/saved-replies', action: 'savedReply.manage' },
  { key: 'audit', href: '/settings/audit', action: 'audit.view' },
] as const satisfies readonly { key: string; href: string; action: TActorAction }[];

export type TSettingsSection = (typeof SETTINGS_SECTIONS)[number];
