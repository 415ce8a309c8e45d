// The admin session cookie. One name per salon, so one browser can be signed into two salons that
// share a host (path-based tenants); with host-based tenants each host has its own cookies anyway.

const name = (slug: string) => `zapis_session_${slug}`;

export function sessionToken(request: Request, slug: string): string | null {
  const match = new RegExp(`(?:^|;\\s*)${name(slug)}=([A-Za-z0-9_-]+)`).exec(request.headers.get("cookie") ?? "");
  return match?.[1] ?? null;
}

/** HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure behind https. */
export function sessionCookie(slug: string, token: string, expiresAt: number, now: number, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt - now) / 1000));
  return `${name(slug)}=${token}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export function clearedSessionCookie(slug: string, secure: boolean): string {
  return `${name(slug)}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
