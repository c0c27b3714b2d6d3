import 'next-auth';

declare module 'next-auth' {
  // Declaration merging needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Session {
    user: { id: string; name?: string | null; email?: string | null; image?: string | null };
  }
}
