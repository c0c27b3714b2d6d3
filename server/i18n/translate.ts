/**
 * The slice of a next-intl translator the shared renderers need: the browser passes `useTranslations(namespace)`,
 * the server `createTranslator` over the en catalog (server/i18n/english.ts), so both say the same line the same way.
 */
export type TTranslate = {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
};
