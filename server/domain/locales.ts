/** The interface languages: a domain list because the database's locale enum is built from it too. */
export const LOCALES = ['en', 'ar'] as const;
export type TLocale = (typeof LOCALES)[number];
