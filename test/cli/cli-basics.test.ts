import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DXMON_BIN, runCli, startServer, stopServer, waitReady } from '../support/run-cli.js';
import { tempDirSync } from '../support/temp-dir.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('dxmon --version', () => {
  it('prints the package version with --version and -V, before or after the global options', async () => {
    for (const args of [['--version'], ['-V'], ['--lang', 'en', '--version']]) {
      const run = await runCli(args);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe(`${VERSION}\n`);
      expect(run.stderr).toBe('');
    }
  });

  it('leaves a command’s own --version option to the command', async () => {
    const run = await runCli([
      '--data',
      tempDirSync('dxmon-version-'),
      '--lang',
      'en',
      'index',
      'show',
      '--methodology',
      'none',
      '--version',
      '0',
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).not.toContain(VERSION);
    expect(run.stderr).toContain('--version');
  });
});

describe('dxmon serve, PORT and HOST', () => {
  it('listens on PORT and HOST from the environment when no flag is given', async () => {
    const port = await freePort();
    const server = await startServer(['--data', tempDirSync('dxmon-port-'), '--lang', 'en'], {
      env: { PORT: String(port), HOST: '127.0.0.2' },
      defaultPort: true,
    });
    try {
      expect(server.url).toBe(`http://127.0.0.2:${port}`);
      await waitReady(server.url);
    } finally {
      await stopServer(server.child);
    }
  }, 90_000);

  it('lets --port and --host win over PORT and HOST', async () => {
    const port = await freePort();
    const server = await startServer(['--data', tempDirSync('dxmon-port-'), '--host', '127.0.0.1'], {
      env: { PORT: String(port), HOST: '127.0.0.2' },
    });
    try {
      expect(server.url).toMatch(/^http:\/\/localhost:\d+$/);
      expect(server.url).not.toBe(`http://localhost:${port}`);
      await waitReady(server.url);
    } finally {
      await stopServer(server.child);
    }
  }, 90_000);

  it('refuses a PORT that is not a port, naming PORT', async () => {
    const run = await runCli(['--data', tempDirSync('dxmon-port-'), '--lang', 'en', 'serve'], {
      PORT: 'eighty',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PORT');
  });
});

describe('dxmon output into a reader that stops early', () => {
  it('ends quietly with exit code 0 when the reader closes the pipe (`dxmon openapi | head`)', async () => {
    const child = spawn(process.execPath, [DXMON_BIN, 'openapi'], {
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    // The document is far larger than a pipe holds: the reader takes the first chunk and goes away.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);
});
