/** The session cookie's name over plain HTTP (a local install) and over HTTPS (`__Host-`: Secure, Path=/, no Domain). */
export const SESSION_COOKIE = 'dxm_session';
export const SECURE_SESSION_COOKIE = '__Host-dxm_session';

/** Reads the cookies of a Cookie header into a map (first value of a name wins; malformed pairs are skipped). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (!cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** The session token a request carries, from the secure cookie first. */
export function sessionTokenOf(header: string | undefined): string | null {
  const cookies = parseCookies(header);
  return cookies.get(SECURE_SESSION_COOKIE) ?? cookies.get(SESSION_COOKIE) ?? null;
}

/**
 * The Set-Cookie value for a session: HttpOnly, SameSite=Lax, Path=/, Secure with the `__Host-` name over HTTPS;
 * no Expires, so it ends with the browser, and the server's idle and absolute expiry end it sooner.
 */
export function sessionCookie(token: string, secure: boolean): string {
  const name = secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  return `${name}=${token}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/** The Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  const name = secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
  return `${name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}
