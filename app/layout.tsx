import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/500.css';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/500.css';
import '@fontsource/noto-sans-arabic/600.css';
import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { directionOf, isLocale } from '@/server/i18n/locales';
import './globals.css';

// Every page carries the per-request CSP nonce on Next's scripts, and a page prerendered at build time would carry
// none (its inline scripts would be refused): nothing under this layout is static.
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('app');
  return {
    title: 'Nafidha',
    description: t('description'),
    // public/: installable on a phone's home screen (the manifest's icons), Apple's own touch icon, the .ico for old
    // browsers (app/icon.svg is the favicon for the rest).
    manifest: '/manifest.webmanifest',
    icons: { icon: [{ url: '/favicon.ico', sizes: '16x16 32x32 48x48' }], apple: '/apple-touch-icon.png' },
    appleWebApp: { capable: true, title: 'Nafidha', statusBarStyle: 'default' },
  };
}

/** The brand colour (globals.css --color-brand-600), as the manifest's theme colour: the browser's bar on phones. */
export const viewport: Viewport = { themeColor: '#177664' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale} dir={directionOf(isLocale(locale) ? locale : 'en')}>
      <body>
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
