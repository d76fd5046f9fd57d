import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const DXMON_BIN = fileURLToPath(new URL('../../bin/dxmon.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real dxmon binary (built by `npm test`'s compile step) and collects its output. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DXMON_BIN, ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Polls the health check until the workspace is ready (the server answers before it is). */
export async function waitReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = (await (await fetch(`${url}/api/v1/health`)).json()) as { status: string };
    if (health.status === 'ok') return;
    if (health.status === 'failed' || Date.now() > deadline)
      throw new Error(`workspace not ready: ${health.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Starts `dxmon serve` and resolves once it says where it listens: on a free port (`--port 0`), unless
 * `defaultPort` leaves the port to serve's default (PORT in `env`, else 3000).
 */
export function startServer(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; defaultPort?: boolean } = {},
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    const port = options.defaultPort ? [] : ['--port', '0'];
    const child = spawn(process.execPath, [DXMON_BIN, 'serve', ...port, ...args], {
      env: { ...process.env, DATABASE_URL: '', PORT: '', HOST: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 60_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /(http:\/\/[\w.:-]+)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], stderr: () => stderr });
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
  });
}

/** Stops a server started by startServer and waits for it to exit. */
export function stopServer(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.removeAllListeners('close');
    child.once('close', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
