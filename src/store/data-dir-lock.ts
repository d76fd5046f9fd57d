import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../domain/app-error.js';

/** What a lock file records about the process holding an embedded data directory. */
export interface LockHolder {
  pid: number;
  startedAt: string;
  command: string;
  /** Where the holder serves HTTP, when it is a server (so other commands can reach it instead). */
  serverUrl?: string;
  /** Where the holder shares the database for `dxmon --server` (see embedded-server.ts). */
  socket?: { kind: 'unix'; dir: string; port: number } | { kind: 'tcp'; host: string; port: number };
}

export interface DataDirLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Records the URL this process serves on, for the refusal message other processes print. */
  setServerUrl(url: string): void;
  /** Records where the database is shared, for `dxmon --server`. */
  setSocket(socket: NonNullable<LockHolder['socket']>): void;
  release(): void;
}

export const LOCK_FILE = 'dxmon.lock';
const TAKEOVER_FILE = 'dxmon.lock.takeover';
const TAKEOVER_STALE_MS = 10_000;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readHolder(path: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' ? (parsed as LockHolder) : null;
  } catch {
    return null;
  }
}

function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function refusal(dir: string, holder: LockHolder): AppError {
  const reach = holder.serverUrl
    ? {
        vi: `dùng --server ${holder.serverUrl} để làm việc qua máy chủ đó`,
        en: `use --server ${holder.serverUrl} to work through that server`,
      }
    : {
        vi: 'dừng tiến trình đó hoặc dùng --data để chọn thư mục khác',
        en: 'stop that process or pick another directory with --data',
      };
  return new AppError('dataDirInUse', {
    vi: `Thư mục dữ liệu ${dir} đang được tiến trình ${holder.pid} (${holder.command}) sử dụng; không thay đổi gì. Hãy ${reach.vi}.`,
    en: `The data directory ${dir} is in use by process ${holder.pid} (${holder.command}); nothing was changed. Please ${reach.en}.`,
  });
}

/**
 * Takes the single-process lock on an embedded data directory (PGlite has no lock between processes).
 * A live holder is refused with its pid; a lock whose holder is dead is taken over, one taker at a time.
 */
export function acquireDataDirLock(dir: string, command: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, startedAt: new Date().toISOString(), command };
  const write = () => JSON.stringify(holder, null, 2);

  if (!createExclusive(path, write())) {
    const current = readHolder(path);
    if (current && current.pid !== process.pid && isAlive(current.pid)) throw refusal(dir, current);
    takeOverStaleLock(dir, path, current, write());
  }

  let released = false;
  return {
    path,
    holder,
    setServerUrl(url: string) {
      holder.serverUrl = url;
      if (!released) rewriteOwnLock(path, write());
    },
    setSocket(socket) {
      holder.socket = socket;
      if (!released) rewriteOwnLock(path, write());
    },
    release() {
      if (released) return;
      released = true;
      const current = readHolder(path);
      if (current?.pid === process.pid) rmSync(path, { force: true });
    },
  };
}

/**
 * Rewrites this process's lock whole (a new file renamed over the old one): another process reading it meanwhile
 * sees the old content or the new, never an empty or half-written file it could take for a stale lock.
 */
function rewriteOwnLock(path: string, content: string): void {
  const next = `${path}.${process.pid}.tmp`;
  const fd = openSync(next, 'w');
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  renameSync(next, path);
}

function takeOverStaleLock(dir: string, path: string, stale: LockHolder | null, content: string): void {
  const guard = join(dir, TAKEOVER_FILE);
  if (!createExclusive(guard, String(process.pid))) {
    // Another process is taking over right now; a guard left by a crash is cleared after a while.
    const guardStat = statSync(guard, { throwIfNoEntry: false });
    const age = guardStat ? Date.now() - guardStat.mtimeMs : Infinity;
    if (age <= TAKEOVER_STALE_MS) {
      throw refusal(dir, readHolder(path) ?? stale ?? { pid: 0, startedAt: '', command: 'dxmon' });
    }
    rmSync(guard, { force: true });
    if (!createExclusive(guard, String(process.pid)))
      throw refusal(dir, stale ?? { pid: 0, startedAt: '', command: 'dxmon' });
  }
  try {
    // Under the guard, look again: the holder may have changed since we first read it.
    const current = readHolder(path);
    if (current && current.pid !== process.pid && isAlive(current.pid)) throw refusal(dir, current);
    rmSync(path, { force: true });
    if (!createExclusive(path, content)) {
      throw refusal(dir, readHolder(path) ?? { pid: 0, startedAt: '', command: 'dxmon' });
    }
  } finally {
    rmSync(guard, { force: true });
  }
}
