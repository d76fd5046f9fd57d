import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Api } from './api-types.js';

/**
 * Where `vite build` writes the web app (docs/web.md): dist/web/ of the package, the same from src/api and
 * dist/api. Not committed; `npm install` and `npm run build` make it.
 */
export const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** Hashed files (their name changes with their content) are cached for a year and never revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page `/` answers when the web app was not built: what to run, in Vietnamese and English. */
const NOT_BUILT_PAGE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>DX Monitor</title></head>
<body>
<h1>DX Monitor</h1>
<p>Ứng dụng web chưa được dựng. Hãy chạy <code>npm run build</code> (hoặc <code>npm install</code>) rồi tải lại trang.
API vẫn chạy tại <a href="/api/docs">/api/docs</a>.</p>
<p lang="en">The web app has not been built. Run <code>npm run build</code> (or <code>npm install</code>) and reload
the page. The API is running at <a href="/api/docs">/api/docs</a>.</p>
</body></html>
`;

function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The file under `root` that a URL path names, or null when it would leave `root` or is not a plain file. */
async function fileUnder(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = normalize(join(root, decoded));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    return (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/**
 * Serves the web app (docs/web.md, "How it is served"): `/assets/*` (hashed by vite) with a year of immutable
 * caching; other files of the build's root (the icon) revalidated; `index.html` without caching for `/` and every
 * other GET outside `/api` that accepts HTML (the app's client routes). Anything else is left to `notFound`.
 * Without a build, pages answer a short bilingual page saying how to make one.
 */
export function installWebApp(
  app: Api,
  root: string | null,
  notFound: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
): (request: FastifyRequest, reply: FastifyReply) => Promise<unknown> {
  app.get('/assets/*', { schema: { hide: true } }, async (request, reply) => {
    // Only files under assets/: `/assets/../index.html` is not an asset.
    const file = root
      ? await fileUnder(join(root, 'assets'), pathOf(request.url).slice('/assets'.length))
      : null;
    if (!file) return notFound(request, reply);
    reply.header('cache-control', IMMUTABLE);
    reply.type(contentType(file));
    return reply.send(createReadStream(file));
  });

  // What the server's not-found handler does with every other path.
  return async (request, reply) => {
    const path = pathOf(request.url);
    const read = request.method === 'GET' || request.method === 'HEAD';
    if (!read || path === '/api' || path.startsWith('/api/')) return notFound(request, reply);
    const index = root ? await fileUnder(root, 'index.html') : null;
    if (path !== '/' && root) {
      const file = await fileUnder(root, path);
      if (file && file !== index) {
        reply.header('cache-control', 'no-cache');
        reply.type(contentType(file));
        return reply.send(createReadStream(file));
      }
    }
    if (!acceptsHtml(request) && path !== '/') return notFound(request, reply);
    reply.header('cache-control', 'no-cache');
    reply.type('text/html; charset=utf-8');
    if (!index) return reply.status(503).send(NOT_BUILT_PAGE);
    return reply.send(await readFile(index, 'utf8'));
  };
}
