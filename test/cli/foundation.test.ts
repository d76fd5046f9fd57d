import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startServer, stopServer, waitReady } from '../support/run-cli.js';
import { tempDirSync } from '../support/temp-dir.js';

const dataDir = tempDirSync('dxmon-cli-');

describe('dxmon through the real binary', () => {
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  afterAll(async () => {
    if (server) await stopServer(server.child);
  });

  it('serves on a fresh directory, created and migrated, with the 2025 unit tree loaded', async () => {
    server = await startServer(['--data', dataDir]);
    await waitReady(server.url);
    const health = await fetch(`${server.url}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const through = await runCli([
      '--data',
      dataDir,
      '--server',
      server.url,
      '--json',
      'units',
      'list',
      '--search',
      'lao cai',
      '--level',
      'province',
    ]);
    expect(through.code, through.stderr).toBe(0);
    expect(JSON.parse(through.stdout).map((u: { code: string }) => u.code)).toEqual(['15']);
  }, 90_000);

  it('refuses a second process on the held directory, naming the holder and its server, and changes nothing', async () => {
    const lockBefore = readFileSync(join(dataDir, 'dxmon.lock'), 'utf8');
    const holder = JSON.parse(lockBefore) as { pid: number; serverUrl: string };
    const run = await runCli(['--data', dataDir, 'units', 'load-official', '--set', 'pre2025']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(String(holder.pid));
    expect(run.stderr).toContain(`--server ${holder.serverUrl}`);
    expect(run.stdout).toBe('');
    expect(readFileSync(join(dataDir, 'dxmon.lock'), 'utf8')).toBe(lockBefore);
    const english = await runCli(['--data', dataDir, '--lang', 'en', 'units', 'list']);
    expect(english.code).toBe(1);
    expect(english.stderr).toMatch(/in use by process \d+/);
    // Following the message works: the command runs through the server, on the same data.
    const through = await runCli([
      '--data',
      dataDir,
      '--server',
      holder.serverUrl,
      'units',
      'list',
      '--level',
      'province',
      '--json',
    ]);
    expect(through.code).toBe(0);
    expect(JSON.parse(through.stdout)).toHaveLength(34);
    const elsewhere = await runCli(['--data', dataDir, '--server', 'http://localhost:1', 'units', 'list']);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain(holder.serverUrl);
    // The server keeps working.
    expect((await fetch(`${server!.url}/api/v1/health`)).status).toBe(200);
  }, 60_000);

  it('lists the 34 provinces as JSON once the server has stopped, and nothing was lost', async () => {
    expect(await stopServer(server!.child)).toBe(0);
    server = null;
    expect(existsSync(join(dataDir, 'dxmon.lock'))).toBe(false);
    const run = await runCli(['--data', dataDir, 'units', 'list', '--level', 'province', '--json']);
    expect(run.code).toBe(0);
    const units = JSON.parse(run.stdout) as {
      code: string;
      name: string;
      level: string;
      kind: string;
      parentCode: string;
    }[];
    expect(units).toHaveLength(34);
    expect(units.find((u) => u.code === '15')).toEqual({
      code: '15',
      name: 'Tỉnh Lào Cai',
      level: 'province',
      kind: 'province',
      parentCode: 'VN',
    });
  }, 60_000);

  it('loads the pre-2025 set beside the current one: 63 / 696 / 10,051', async () => {
    const run = await runCli(['--data', dataDir, '--json', 'units', 'load-official', '--set', 'pre2025']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).counts).toMatchObject({ province: 63, district: 696, commune: 10051 });
    const old = await runCli([
      '--data',
      dataDir,
      'units',
      'list',
      '--set',
      'pre2025',
      '--level',
      'province',
      '--json',
    ]);
    const oldProvinces = JSON.parse(old.stdout) as { code: string; name: string }[];
    expect(oldProvinces).toHaveLength(63);
    expect(oldProvinces.find((u) => u.code === 'pre2025:15')?.name).toBe('Tỉnh Yên Bái');
  }, 60_000);

  it('loads a newer official list from a units-sheet file', async () => {
    const listDir = tempDirSync('dxmon-list-');
    writeFileSync(
      join(listDir, 'units.csv'),
      'code,name,kind,parent_code\n75,Thành phố Đồng Nai,province,\n',
    );
    const run = await runCli([
      '--data',
      dataDir,
      '--lang',
      'en',
      'units',
      'load-official',
      '--set',
      '2025',
      '--from',
      listDir,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 added, 1 updated');
    const list = await runCli([
      '--data',
      dataDir,
      '--json',
      'units',
      'list',
      '--search',
      'dong nai',
      '--level',
      'province',
    ]);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ code: '75', name: 'Thành phố Đồng Nai' }),
    ]);
  }, 60_000);

  it('exits 2 on a usage error and 1 on bad input, with messages on stderr', async () => {
    const usage = await runCli(['--data', dataDir, 'units', 'list', '--level', 'planet']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('planet');
    const missing = await runCli(['--data', dataDir, '--json', 'units', 'list', '--parent', '99999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('99999');
    expect(JSON.parse(missing.stdout).error.code).toBe('notFound');
  }, 60_000);
});
