/**
 * Where to go after signing in: the `next` query parameter when it is a path of this app (starts with one `/`,
 * no scheme, host or backslash, not the sign-in page itself), else the home page. Never another origin.
 */
export function safeNext(raw: string | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return '/';
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20)) return '/';
  let url: URL;
  try {
    url = new URL(raw, 'http://app.invalid');
  } catch {
    return '/';
  }
  if (url.origin !== 'http://app.invalid' || url.pathname === '/sign-in') return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page's address that comes back to `next` afterwards (and says why, when `reason` is given). */
export function signInPath(next: string, reason?: 'expired' | 'signedOut'): string {
  const params = new URLSearchParams();
  if (next !== '/') params.set('next', next);
  if (reason) params.set('reason', reason);
  const query = params.toString();
  return query ? `/sign-in?${query}` : '/sign-in';
}
