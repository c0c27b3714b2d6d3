'use client';

import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import type { TSignInError } from '@/server/domain/credentials';

const MESSAGES: Record<TSignInError | 'UNAVAILABLE', string> = {
  EMAIL_REQUIRED: 'Enter your email address.',
  EMAIL_TOO_LONG: 'That email address is too long.',
  EMAIL_INVALID: 'That does not look like an email address.',
  PASSWORD_REQUIRED: 'Enter your password.',
  PASSWORD_TOO_LONG: 'That password is too long (256 characters at most).',
  INVALID_CREDENTIALS: 'Wrong email or password.',
  UNAVAILABLE: 'We could not sign you in right now. Please try again.',
};

export function LoginForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        router.replace('/inbox');
        router.refresh();
        return;
      }
      setError(MESSAGES[(result?.error as TSignInError) ?? 'UNAVAILABLE'] ?? MESSAGES.INVALID_CREDENTIALS);
    } catch {
      setError(MESSAGES.UNAVAILABLE);
    } finally {
      setPending(false);
    }
  }

  return (
    <form aria-label="Sign in" onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <label className="block">
        <span className="text-sm font-medium text-slate-700">Email</span>
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          dir="ltr"
          className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
        />
      </label>
      <label className="block">
        <span className="text-sm font-medium text-slate-700">Password</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
        />
      </label>
      {error && (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
