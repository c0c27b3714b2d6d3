/**
 * The cookie naming the workspace a browser acts in (server/auth/session.ts WORKSPACE_COOKIE, read by every request);
 * written by the browser when the user switches workspace or joins one.
 */
export const WORKSPACE_COOKIE_NAME = 'nafidha-workspace';

export function setWorkspaceCookie(workspaceId: string | null) {
  document.cookie = workspaceId
    ? `${WORKSPACE_COOKIE_NAME}=${workspaceId}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`
    : `${WORKSPACE_COOKIE_NAME}=; path=/; max-age=0; samesite=lax`;
}

/**
 * After sign-in: a workspace cookie naming a workspace the user can no longer act in (deactivated there, or left
 * from someone else's session in this browser) would refuse every request; forgetting it starts them in their first.
 */
export async function forgetUnavailableWorkspace(): Promise<void> {
  if (!document.cookie.split('; ').some((c) => c.startsWith(`${WORKSPACE_COOKIE_NAME}=`))) return;
  const response = await fetch('/api/trpc/me.get', { cache: 'no-store' });
  if (response.status === 403) setWorkspaceCookie(null);
}
