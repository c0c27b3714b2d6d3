import Link from 'next/link';
import type { ReactNode } from 'react';

const BRAND = 'Nafidha';

/** The frame of the pages reached by a link (invite, reset password), outside the signed-in app. */
export function LinkPageFrame({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-2xl font-semibold text-brand-700">{BRAND}</p>
        {children}
      </div>
    </main>
  );
}

/** Why a link cannot be used (expired, used, revoked, unknown), in words, with the way on. */
export function LinkStateMessage({ title, text, action }: { title: string; text: string; action: string }) {
  return (
    <div className="mt-4">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-slate-600">{text}</p>
      <Link href="/login" className="mt-4 inline-block text-sm text-brand-700 underline">
        {action}
      </Link>
    </div>
  );
}
