import type { FastifyRequest } from 'fastify';

/** The session cookie's name over plain HTTP (a local install) and over HTTPS (`__Host-`: Secure, Path=/, no Domain). */
export const SESSION_COOKIE = 'dxm_session';
export const SECURE_SESSION_COOKIE = '__Host-dxm_session';

/**
 * The session token a request carries, from the secure cookie first. The Cookie header is parsed by
 * `@fastify/cookie` (registered in server.ts before authentication): the first value of a name wins.
 */
export function sessionTokenOf(request: FastifyRequest): string | null {
  const cookies = request.cookies;
  return cookies[SECURE_SESSION_COOKIE] ?? cookies[SESSION_COOKIE] ?? null;
}

/**
 * The Set-Cookie value for a session: HttpOnly, SameSite=Lax, Path=/, Secure with the `__Host-` name over HTTPS;
 * no Expires, so it ends with the browser, and the server's idle and absolute expiry end it sooner. Written here
 * rather than by `reply.setCookie`, which puts Secure before SameSite: the header stays byte for byte what clients
 * have always received. The token is base64url, so it needs no encoding.
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
