import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/app/users/demo-accounts.js';
import { startServer, stopServer, waitReady } from '../support/run-cli.js';
import { tempDirSync } from '../support/temp-dir.js';

const leader = DEMO_ACCOUNTS[0]!;

async function signIn(url: string, login: string, password: string): Promise<Response> {
  return fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
}

describe('dxmon serve --demo: demo accounts only on a loopback address', () => {
  it('prints and lists them on 127.0.0.1; on 0.0.0.0, or behind a proxy, the same workspace shows none and refuses them', async () => {
    const dataDir = tempDirSync('dxmon-demo-accounts-');
    const local = await startServer(['--data', dataDir, '--lang', 'en', '--demo']);
    try {
      await waitReady(local.url, 300_000);
      expect(local.stderr()).toContain(`${leader.login} / ${leader.password}`);
      expect(local.stderr()).not.toContain('First administrator');
      const listed = (await (await fetch(`${local.url}/api/v1/session/demo-accounts`)).json()) as {
        accounts: { login: string }[];
      };
      expect(listed.accounts.map((a) => a.login)).toEqual(DEMO_ACCOUNTS.map((a) => a.login));
      expect((await signIn(local.url, leader.login, leader.password)).status).toBe(200);
    } finally {
      await stopServer(local.child);
    }

    const exposed = await startServer(['--data', dataDir, '--lang', 'en', '--demo'], {
      env: { HOST: '0.0.0.0' },
    });
    // Reached through the loopback interface; the server itself listens on every address.
    const url = exposed.url.replace('0.0.0.0', '127.0.0.1');
    try {
      await waitReady(url, 300_000);
      expect(exposed.stderr()).toContain('Demo accounts are disabled: the server listens on 0.0.0.0');
      expect(exposed.stderr()).not.toContain(leader.password);
      const listed = await fetch(`${url}/api/v1/session/demo-accounts`);
      expect(listed.status).toBe(200);
      const body = await listed.text();
      expect(JSON.parse(body)).toEqual({ accounts: [] });
      expect(body).not.toContain(leader.password);
      const refused = await signIn(url, leader.login, leader.password);
      expect(refused.status).toBe(403);
      const problem = (await refused.json()) as { message_vi: string; message_en: string };
      expect(problem.message_vi).toContain('Tài khoản mẫu chỉ dùng được');
      expect(problem.message_en).toContain('loopback address');
      // Without real users, the first administrator is created as on any non-demo start.
      expect(exposed.stderr()).toContain('First administrator: admin');
    } finally {
      await stopServer(exposed.child);
    }

    // On a loopback address behind a declared reverse proxy, the server is reached from elsewhere: none either.
    const proxied = await startServer(['--data', dataDir, '--lang', 'en', '--demo'], {
      env: { DXMON_TRUST_PROXY: '1' },
    });
    try {
      await waitReady(proxied.url, 300_000);
      expect(proxied.stderr()).toContain(
        'Demo accounts are disabled: the server stands behind a reverse proxy',
      );
      expect(proxied.stderr()).not.toContain(leader.password);
      const listed = await fetch(`${proxied.url}/api/v1/session/demo-accounts`);
      expect(await listed.json()).toEqual({ accounts: [] });
      expect((await signIn(proxied.url, leader.login, leader.password)).status).toBe(403);
    } finally {
      await stopServer(proxied.child);
    }
  }, 600_000);
});
