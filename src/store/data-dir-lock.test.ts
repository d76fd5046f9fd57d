import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../domain/app-error.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { tempDirSync } from '../../test/support/temp-dir.js';

const held: DataDirLock[] = [];
afterEach(() => {
  for (const lock of held.splice(0)) lock.release();
});

function freshDir(): string {
  return tempDirSync('dxmon-lock-');
}

/** A live process that is not this one, to stand for another dxmon holding the directory. */
function otherProcess(): Promise<{ pid: number; stop: () => void }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    child.once('spawn', () => resolve({ pid: child.pid!, stop: () => child.kill() }));
  });
}

describe('acquireDataDirLock', () => {
  it('takes a free directory and records this process', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir, 'dxmon test');
    held.push(lock);
    expect(JSON.parse(readFileSync(join(dir, 'dxmon.lock'), 'utf8'))).toMatchObject({
      pid: process.pid,
      command: 'dxmon test',
    });
  });

  it('refuses a directory a live process holds, naming its pid and server, and leaves its lock alone', async () => {
    const dir = freshDir();
    const other = await otherProcess();
    try {
      const record = {
        pid: other.pid,
        startedAt: '2026-01-01T00:00:00Z',
        command: 'dxmon serve',
        serverUrl: 'http://localhost:3000',
      };
      writeFileSync(join(dir, 'dxmon.lock'), JSON.stringify(record));
      let caught: unknown;
      try {
        acquireDataDirLock(dir, 'dxmon units list');
      } catch (error) {
        caught = error;
      }
      expect(isAppError(caught) && caught.code).toBe('dataDirInUse');
      if (isAppError(caught)) {
        expect(caught.message_vi).toContain(String(other.pid));
        expect(caught.message_en).toContain(`--server http://localhost:3000`);
      }
      expect(JSON.parse(readFileSync(join(dir, 'dxmon.lock'), 'utf8'))).toEqual(record);
    } finally {
      other.stop();
    }
  });

  it('takes over a lock whose holder has died', async () => {
    const dir = freshDir();
    const other = await otherProcess();
    const deadPid = other.pid;
    other.stop();
    await new Promise((r) => setTimeout(r, 200));
    writeFileSync(
      join(dir, 'dxmon.lock'),
      JSON.stringify({ pid: deadPid, startedAt: '', command: 'dxmon serve' }),
    );
    const lock = acquireDataDirLock(dir, 'dxmon serve');
    held.push(lock);
    expect(JSON.parse(readFileSync(join(dir, 'dxmon.lock'), 'utf8')).pid).toBe(process.pid);
    expect(existsSync(join(dir, 'dxmon.lock.takeover'))).toBe(false);
  });

  it('lets only one of two takers in while a takeover is under way', () => {
    const dir = freshDir();
    writeFileSync(
      join(dir, 'dxmon.lock'),
      JSON.stringify({ pid: 2 ** 22 + 1, startedAt: '', command: 'dxmon' }),
    );
    writeFileSync(join(dir, 'dxmon.lock.takeover'), '1');
    expect(() => acquireDataDirLock(dir, 'dxmon')).toThrow(/in use/);
  });

  it('removes its lock on release, and records the URL it serves on', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir, 'dxmon serve');
    lock.setServerUrl('http://localhost:3999');
    expect(JSON.parse(readFileSync(join(dir, 'dxmon.lock'), 'utf8')).serverUrl).toBe('http://localhost:3999');
    lock.release();
    expect(existsSync(join(dir, 'dxmon.lock'))).toBe(false);
  });
});
