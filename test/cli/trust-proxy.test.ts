import { readdir, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

describe('dxmon serve with DXMON_TRUST_PROXY', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await tempDir('dxmon-trust-proxy-');
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each(['true', '0.0.0.0/0', 'proxy.example.org'])(
    'refuses %j at start with a usage error in either language, and leaves the data directory free',
    async (value) => {
      const args = ['--data', dataDir, 'serve', '--port', '0'];
      const vi = await runCli(args, { DXMON_TRUST_PROXY: value });
      expect(vi.code).toBe(2);
      expect(vi.stderr).toContain(`DXMON_TRUST_PROXY=«${value}» không dùng được`);
      const en = await runCli(['--lang', 'en', ...args], { DXMON_TRUST_PROXY: value });
      expect(en.code).toBe(2);
      expect(en.stderr).toContain(`DXMON_TRUST_PROXY=«${value}» cannot be used`);
      expect(en.stderr).toContain('e.g. 1');
      expect(await readdir(dataDir)).not.toContain('dxmon.lock');
    },
    60_000,
  );
});
