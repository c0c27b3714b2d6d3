import { z } from 'zod';
import { LOCALES } from '@/server/i18n/locales';

/** Input schemas of the user's own procedures (me), validated once at the router. */

export const ZSetLocaleInput = z.object({ locale: z.enum(LOCALES) });
