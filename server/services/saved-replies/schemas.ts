import { z } from 'zod';
import { ZSavedReplyBody, ZSavedReplyLanguage, ZSavedReplyShortcut } from '@/server/domain/saved-replies';

/**
 * Input schemas of the saved-reply procedures, validated once at the router; services take the parsed types. Issue
 * messages are keys of the catalogs' `savedReplies.errors` (the settings form checks with the same domain rules).
 */

export const ZSavedReplyFields = z.object({ shortcut: ZSavedReplyShortcut, body: ZSavedReplyBody, language: ZSavedReplyLanguage });
export const ZUpdateSavedReplyInput = ZSavedReplyFields.extend({ id: z.uuid() });
export const ZSavedReplyIdInput = z.object({ id: z.uuid() });

export type TSavedReplyFields = z.output<typeof ZSavedReplyFields>;
export type TUpdateSavedReplyInput = z.output<typeof ZUpdateSavedReplyInput>;
export type TSavedReplyIdInput = z.output<typeof ZSavedReplyIdInput>;
