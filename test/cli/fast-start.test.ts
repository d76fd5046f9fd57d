import { describe, expect, it } from 'vitest';
import { currentSnapshot } from '../../src/app/workspace/workspace-snapshot.js';
import { buildProgram } from '../../src/cli/main.js';
import { runCli, startServer, stopServer, waitReady } from '../support/run-cli.js';
import { tempDirSync } from '../support/temp-dir.js';

const quiet = { stdout: () => undefined, stderr: () => undefined };
const { program } = buildProgram(quiet);

describe('dxmon --help, with the commands’ code loaded only when they run', () => {
  it('lists every command', async () => {
    const run = await runCli(['--help']);
    expect(run.code, run.stderr).toBe(0);
    expect(program.commands.length).toBeGreaterThan(15);
    for (const command of program.commands)
      expect(run.stdout).toMatch(new RegExp(`^  ${command.name()}\\b`, 'm'));
  });

  it('shows each command’s help with its subcommands and options', async () => {
    for (const command of program.commands) {
      const run = await runCli([command.name(), '--help']);
      expect(run.code, `${command.name()}: ${run.stderr}`).toBe(0);
      expect(run.stdout).toContain(`Usage: dxmon ${command.name()}`);
      for (const sub of command.commands) expect(run.stdout).toContain(sub.name());
      for (const option of command.options) expect(run.stdout).toContain(option.long!);
    }
  }, 120_000);
});

describe('commander’s usage errors in the reader’s language', () => {
  it('are in Vietnamese by default, naming the option, argument or value, with exit code 2', async () => {
    const cases: [string[], string][] = [
      [['plans', '--bogus'], 'Lỗi: không có tùy chọn «--bogus»'],
      [['import'], 'Lỗi: thiếu tham số bắt buộc «path»'],
      [['evaluate', '--plan', 'X'], 'Lỗi: thiếu tùy chọn bắt buộc «--period <period>»'],
      [['evaluate', '--plan'], 'Lỗi: tùy chọn «--plan <code>» thiếu giá trị'],
      [['plans', 'list', 'extra'], 'Lỗi: thừa tham số cho lệnh «list»: cần 0, nhận được 1.'],
      [
        ['export', 'values', '--format', 'pdf'],
        'Lỗi: giá trị «pdf» của tùy chọn «--format <format>» không hợp lệ. Các giá trị được phép: csv, xlsx, dhis2.',
      ],
      [['plans', 'lst'], 'Lỗi: không có lệnh «lst»\n(Có phải ý bạn là list?)'],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toContain('error:');
    }
  }, 60_000);

  it('are in English with --lang en (before or after the command, or --lang=en) and with DXMON_LANG=en', async () => {
    for (const [args, env] of [
      [['--lang', 'en', 'import'], {}],
      [['--lang=en', 'import'], {}],
      [['import', '--lang', 'en'], {}],
      [['import'], { DXMON_LANG: 'en' }],
    ] as const) {
      const run = await runCli([...args], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("error: missing required argument 'path'");
    }
  });
});

describe('dxmon serve while it prepares a new workspace the slow way', () => {
  it('answers at once: health says preparing, data requests are asked to retry; then it is ready', async () => {
    const dataDir = tempDirSync('dxmon-preparing-');
    // DXMON_SNAPSHOTS=0: no ready-made workspace, the workspace is migrated and loaded (tens of seconds).
    const server = await startServer(['--data', dataDir, '--lang', 'en', '--demo'], {
      env: { DXMON_SNAPSHOTS: '0' },
    });
    try {
      const health = await fetch(`${server.url}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'preparing' });
      const plans = await fetch(`${server.url}/api/v1/plans`);
      expect(plans.status).toBe(503);
      expect(plans.headers.get('retry-after')).toBe('2');
      expect(((await plans.json()) as { message_en: string }).message_en).toContain('being prepared');
      await waitReady(server.url, 600_000);
      expect(server.stderr()).toContain('The workspace is ready (loaded: 2025, pre2025)');
      expect(server.stderr()).not.toContain('ready-made');
    } finally {
      await stopServer(server.child);
    }
  }, 660_000);

  it('starts from the ready-made workspace when one was built, with the demo plan there', async () => {
    const dataDir = tempDirSync('dxmon-seeded-');
    const server = await startServer(['--data', dataDir, '--lang', 'en', '--demo']);
    try {
      await waitReady(server.url, 600_000);
      // Built by npm install (the prepare script); without one the slow path gives the same workspace.
      if (await currentSnapshot('demo')) expect(server.stderr()).toContain('from the ready-made workspace');
      const plans = await runCli(['--data', dataDir, '--server', server.url, '--json', 'plans', 'list']);
      expect(plans.code, plans.stderr).toBe(0);
      expect(JSON.parse(plans.stdout).map((p: { code: string }) => p.code)).toEqual(['LCI-DX-2024']);
    } finally {
      await stopServer(server.child);
    }
  }, 660_000);
});
