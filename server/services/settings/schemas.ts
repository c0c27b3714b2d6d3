import { z } from 'zod';
import { ZWorkspaceSettingsFields } from '@/server/domain/workspace-settings';

/** Input schema of workspaceSettings.update: every field, and the version the form read (optimistic concurrency). */
export const ZUpdateSettingsInput = ZWorkspaceSettingsFields.extend({ version: z.number().int().min(1) });
export type TUpdateSettingsInput = z.output<typeof ZUpdateSettingsInput>;
