import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { authenticateSession } from '../app/session/authenticate-session.js';
import { authenticateApiToken } from '../app/session/api-tokens.js';
import { csrfMatches } from '../app/auth/tokens.js';
import type { AppContext } from '../app/context.js';
import type { GrantSummary } from '../contract/session.js';
import { AppError } from '../domain/app-error.js';
import type { Api } from './api-types.js';
import { clearedSessionCookie, sessionTokenOf } from './session-cookie.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without authentication (health, login, open data); every other /api/v1 route needs an actor. */
    public?: boolean;
    /** Allowed to a user who must change their password first (the session routes). */
    beforePasswordChange?: boolean;
    /**
     * Long work of its own (an import, a stream): while served, it does not hold the database's background work
     * back as other requests do (server.ts).
     */
    background?: boolean;
  }
  interface FastifyRequest {
    /** The browser session the request came with, when it came with a live one. */
    authSession?: RequestSession;
    /** The grants of the signed-in user or of the API token, as lists show them (unit codes, names). */
    authGrants?: GrantSummary[];
  }
}

export interface RequestSession {
  token: string;
  id: number;
  csrfToken: string;
  mustChangePassword: boolean;
  displayName: string;
  expiresAt: Date;
}

/** One route as registered, for the permission matrix and the docs. */
export interface RouteEntry {
  method: string;
  url: string;
  public: boolean;
}

const routeTables = new WeakMap<object, RouteEntry[]>();

/** Every route registered on the server after installAuth, HEAD routes left out, in registration order. */
export function routeTable(app: object): readonly RouteEntry[] {
  return routeTables.get(app) ?? [];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const API_PREFIX = '/api/v1/';
const BEARER = /^Bearer ([A-Za-z0-9_-]+)$/;

/** The security headers of an API response: nothing may be framed, sniffed, or sent with a referrer. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const DOCS_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/**
 * The web app's pages (docs/web.md, "Content-Security-Policy"): scripts only from the server itself, never inline;
 * inline styles allowed (the component library injects its styles); requests only to the server itself.
 */
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/**
 * Whether the request arrived over HTTPS (directly, or per X-Forwarded-Proto when the server trusts its proxy):
 * the session cookie is then Secure and named `__Host-dxm_session`.
 */
export function isSecureRequest(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply, path: string): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-opener-policy', 'same-origin');
  if (path.startsWith('/api/docs')) reply.header('content-security-policy', DOCS_CSP);
  else if (path.startsWith('/api/')) reply.header('content-security-policy', API_CSP);
  else reply.header('content-security-policy', WEB_CSP);
  if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
}

function unauthenticated(): AppError {
  return new AppError('unauthenticated', {
    vi: 'Cần đăng nhập (phiên làm việc hoặc mã truy cập API hợp lệ).',
    en: 'Authentication required (a valid session or API token).',
  });
}

/** The host (and port) of an Origin header, or null when it is not a URL (`null`, garbage). */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Refuses a state-changing request from another site: an Origin header whose host is not the one the request was
 * sent to, or a browser's Sec-Fetch-Site of cross-site (issue 7: cross-origin writes refused). Only hosts are
 * compared, so a proxy terminating HTTPS in front of the server does not make every write look foreign.
 */
function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  const fetchSite = request.headers['sec-fetch-site'];
  if ((origin !== undefined && originHost(origin) !== request.host) || fetchSite === 'cross-site') {
    throw new AppError('forbidden', {
      vi: 'Yêu cầu thay đổi dữ liệu từ trang web khác bị từ chối.',
      en: 'A request to change data from another site was refused.',
    });
  }
}

/**
 * Installs authentication on the server (issue 7), before any route is registered: security headers on every
 * response; for /api/v1, the actor from `Authorization: Bearer dxm_…` or the session cookie, a 401 for any route not
 * marked `config.public` without one, same-origin and CSRF checks on state-changing requests, no-store caching.
 */
/** Sets the security headers on every response, the early ones (e.g. "still preparing") included. */
export function installSecurityHeaders(app: Api): void {
  app.addHook('onRequest', async (request, reply) => {
    setSecurityHeaders(request, reply, pathOf(request.url));
  });
}

export function installAuth(app: Api, ctx: AppContext): void {
  const table: RouteEntry[] = [];
  routeTables.set(app, table);
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      table.push({ method, url: route.url, public: route.config?.public === true });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request.url);
    if (!path.startsWith(API_PREFIX)) return;
    const config = request.routeOptions.config;
    const isPublic = config.public === true;
    if (!isPublic) reply.header('cache-control', 'no-store');
    const unsafe = !SAFE_METHODS.has(request.method);
    if (unsafe) assertSameOrigin(request);

    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const token = BEARER.exec(authorization)?.[1];
      const auth = token ? await authenticateApiToken(ctx, token, { address: request.ip }) : null;
      if (!auth) throw unauthenticated();
      request.actor = auth.actor;
      request.authGrants = auth.grants;
    } else {
      const token = sessionTokenOf(request);
      if (token !== null) {
        const session = await authenticateSession(ctx, token, { address: request.ip, source: 'web' });
        if (!session) {
          reply.header('set-cookie', clearedSessionCookie(isSecureRequest(request)));
        } else {
          request.actor = session.actor;
          request.authGrants = session.grants;
          request.authSession = {
            token,
            id: session.sessionId,
            csrfToken: session.csrfToken,
            mustChangePassword: session.mustChangePassword,
            displayName: session.displayName,
            expiresAt: session.expiresAt,
          };
          if (
            unsafe &&
            !isPublic &&
            !csrfMatches(headerText(request.headers['x-csrf-token']), session.csrfToken)
          ) {
            throw new AppError('forbidden', {
              vi: 'Thiếu hoặc sai mã chống giả mạo yêu cầu (x-csrf-token). Hãy tải lại trang.',
              en: 'The anti-forgery token (x-csrf-token) is missing or wrong. Reload the page.',
            });
          }
          if (session.mustChangePassword && !isPublic && config.beforePasswordChange !== true) {
            throw new AppError('forbidden', {
              vi: 'Bạn phải đổi mật khẩu trước khi tiếp tục.',
              en: 'You must change your password before going on.',
            });
          }
        }
      }
    }
    if (!isPublic && !request.actor) throw unauthenticated();
  });
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
