import type { ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.js';
import { runCli, startServer, waitReady } from '../support/run-cli.js';
import { tempDirSync } from '../support/temp-dir.js';

/**
 * Stopping `dxmon serve` with a slow import in flight (the review saw SIGTERM ignored for minutes, and a second
 * server start on the same data directory while the first was still alive): the directory stays refused to others
 * for as long as the first process lives; SIGTERM aborts the import, which writes nothing, closes the database and
 * exits promptly; only then is the directory free.
 */
const PROVINCES = ['01', '04', '08', '15'];
const INDICATORS = 60;

function valuesCsv(): string {
  const lines = ['indicator_code,unit_code,period,value'];
  for (let i = 0; i < INDICATORS; i++)
    for (const unit of PROVINCES)
      for (let year = 2000; year <= 2025; year++)
        for (let month = 1; month <= 12; month++)
          lines.push(`SO_${i},${unit},${year}${String(month).padStart(2, '0')},${year + month}`);
  return `${lines.join('\n')}\n`;
}

function indicatorsCsv(): string {
  const lines = ['code,name_vi,value_type,time_aggregation'];
  for (let i = 0; i < INDICATORS; i++) lines.push(`SO_${i},Số ${i},count,sum`);
  return `${lines.join('\n')}\n`;
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

describe('dxmon serve stopping with an import in flight', () => {
  const dir = tempDirSync('dxmon-stop-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the directory refused while it lives, aborts the import, closes and exits', async () => {
    const server = await startServer(['--data', dir]);
    try {
      await waitReady(server.url);
      const token = await runCli([
        '--data',
        dir,
        '--server',
        server.url,
        'tokens',
        'create',
        '--name',
        'stop-test',
        '--role',
        'admin',
        '--unit',
        '/',
      ]);
      expect(token.code, token.stderr).toBe(0);
      const bearer = /dxm_[\w-]+/.exec(token.stdout + token.stderr)?.[0] ?? '';
      const post = (sheet: string, body: string) =>
        fetch(`${server.url}/api/v1/imports?sheet=${sheet}`, {
          method: 'POST',
          headers: { 'content-type': 'text/csv', authorization: `Bearer ${bearer}` },
          body,
        });
      const indicators = await post('indicators', indicatorsCsv());
      expect(indicators.status, await indicators.text()).toBe(200);

      // A slow import, in flight.
      const importing = post('values', valuesCsv()).then(
        async (r) => ({ status: r.status, body: await r.text() }),
        (error: unknown) => ({ status: 0, body: String(error) }),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));

      // Meanwhile nobody else may open the directory.
      const second = await runCli(['serve', '--port', '0', '--data', dir]);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`${server.child.pid}`);

      server.child.kill('SIGTERM');
      const code = await exited(server.child);
      expect(code).toBe(0);
      const answer = await importing;
      // The import was stopped: answered 503 (server stopping), or cut off with the connection.
      if (answer.status !== 0) {
        expect(answer.status, answer.body).toBe(503);
        expect(answer.body).toContain('The server is stopping');
      }
      expect(server.stderr()).toContain('Đang dừng');
      expect(existsSync(join(dir, 'dxmon.lock'))).toBe(false);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }

    // The directory is free now, and holds the indicators but not one value of the aborted import.
    const opened = await openDatabase({ kind: 'embedded', dataDir: dir }, { command: 'test' });
    try {
      const [values] = await opened.db.query<{ n: number }>('SELECT count(*)::int AS n FROM data_value');
      const [indicators] = await opened.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM indicator WHERE code LIKE 'SO\\_%'`,
      );
      expect(values?.n).toBe(0);
      expect(indicators?.n).toBe(INDICATORS);
    } finally {
      await opened.close();
    }
  }, 180_000);

  it('stops while it prepares a new workspace: exits, and gives the directory up only after closing it', async () => {
    const fresh = tempDirSync('dxmon-stop-early-');
    // The slow path (no ready-made workspace): at once, while the database is still being created or the units loaded.
    const server = await startServer(['--data', fresh], { env: { DXMON_SNAPSHOTS: '0' } });
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
    expect(existsSync(join(fresh, 'dxmon.lock'))).toBe(false);
    expect(server.stderr()).not.toMatch(/sẵn sàng|không chuẩn bị được/i);
    // Whatever it had done is whole: the directory opens, and its schema is there.
    const opened = await openDatabase({ kind: 'embedded', dataDir: fresh }, { command: 'test' });
    try {
      const [tables] = await opened.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'data_value'`,
      );
      expect(tables?.n).toBe(1);
    } finally {
      await opened.close();
    }
  }, 180_000);
});
