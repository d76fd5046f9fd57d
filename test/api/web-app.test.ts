import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/api-types.js';
import { buildServer } from '../../src/api/server.js';
import type { Db } from '../../src/store/db.js';
import { createTestDb } from '../support/test-db.js';
import { tempDirSync } from '../support/temp-dir.js';

const INDEX =
  '<!doctype html><html lang="vi"><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';
const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

/** A small build as vite writes it: index.html, hashed assets, a file of the public folder. */
function fakeBuild(): string {
  const root = tempDirSync('dxmon-webroot-');
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1);');
  writeFileSync(join(root, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'sw.js'), "self.addEventListener('fetch', () => {});");
  return root;
}

describe('the web app served by dxmon serve', () => {
  let db: Db;
  let app: Api;
  let unbuilt: Api;
  beforeAll(async () => {
    db = await createTestDb('pglite');
    const ctx = { db, now: () => new Date() };
    app = await buildServer({ ctx, webRoot: fakeBuild() });
    unbuilt = await buildServer({ ctx, webRoot: tempDirSync('dxmon-webroot-empty-') });
  });
  afterAll(async () => {
    await app.close();
    await unbuilt.close();
    await db.close();
  });

  it('answers / and every client route that accepts HTML with index.html, never cached, under the CSP', async () => {
    for (const url of ['/', '/sign-in', '/plans/LCI-DX-2024?period=2024S1', '/khong-co']) {
      const res = await app.inject({ url, headers: HTML });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = String(res.headers['content-security-policy']);
      for (const directive of [
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
      ])
        expect(csp, directive).toContain(directive);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    }
  });

  it('serves hashed assets for a year, immutable, with their type', async () => {
    const js = await app.inject({ url: '/assets/index-abc123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.body).toBe('console.log(1);');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = await app.inject({ url: '/assets/index-abc123.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const icon = await app.inject({ url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('serves the service worker at /sw.js, revalidated on every update check, under a CSP that lets it run', async () => {
    const sw = await app.inject({ url: '/sw.js' });
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(sw.headers['cache-control']).toBe('no-cache');
    // Scope `/` is the script's own folder: no Service-Worker-Allowed needed; workers fall back to script-src 'self'.
    const csp = String(
      (await app.inject({ url: '/entry', headers: HTML })).headers['content-security-policy'],
    );
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('worker-src');
  });

  it('answers a missing asset, a path out of the build, and /api paths with a 404 problem, not the app', async () => {
    const missing = await app.inject({ url: '/assets/nope.js', headers: HTML });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    // Nothing outside the build, however the path is written; nothing but assets as an asset.
    for (const url of [
      '/assets/..%2f..%2fpackage.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/assets/%2e%2e/index.html',
    ]) {
      const res = await app.inject({ url, headers: HTML });
      expect(res.body, url).not.toContain('dx-monitor');
      expect(String(res.headers['cache-control']), url).not.toContain('immutable');
    }
    const api = await app.inject({ url: '/api/nothing-here', headers: HTML });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ status: 404 });
    // A script asking for a file that is not there gets no HTML in its place.
    const notHtml = await app.inject({ url: '/robots.txt', headers: { accept: '*/*' } });
    expect(notHtml.statusCode).toBe(404);
    // Writes are not pages.
    expect((await app.inject({ method: 'POST', url: '/sign-in', headers: HTML })).statusCode).toBe(404);
  });

  it('says in both languages how to build the app when it was not built, and keeps the API running', async () => {
    const res = await unbuilt.inject({ url: '/', headers: HTML });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('Ứng dụng web chưa được dựng');
    expect(res.body).toContain('The web app has not been built');
    expect(res.body).toContain('npm run build');
    expect((await unbuilt.inject({ url: '/api/v1/health' })).statusCode).toBe(200);
  });
});
