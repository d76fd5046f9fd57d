import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { PGlite } from '@electric-sql/pglite';
import type { LockHolder } from './data-dir-lock.js';

/** How another process reaches the database a `dxmon serve` holds: the socket it shares it on. */
export type SharedSocket =
  { kind: 'unix'; dir: string; port: number } | { kind: 'tcp'; host: string; port: number };

const SOCKET_PORT = 5432;
/** Unix socket paths are limited to about 107 bytes; beyond that the database is shared on loopback TCP. */
const MAX_SOCKET_PATH = 100;

/**
 * Shares an embedded database on a socket (PostgreSQL wire protocol), so that the server itself and
 * `dxmon --server` commands all reach it through one queue that keeps each client's transaction whole.
 * The unix socket lives in the data directory, reachable only by whoever may write there.
 */
export async function shareEmbeddedDatabase(
  pglite: PGlite,
  dataDir: string,
): Promise<{ socket: SharedSocket; stop: () => Promise<void> }> {
  const path = join(dataDir, `.s.PGSQL.${SOCKET_PORT}`);
  const useUnix = path.length <= MAX_SOCKET_PATH;
  if (useUnix && existsSync(path)) rmSync(path, { force: true });
  const server = new PGLiteSocketServer(
    useUnix
      ? { db: pglite, path, maxConnections: 32 }
      : { db: pglite, host: '127.0.0.1', port: 0, maxConnections: 32 },
  );
  await server.start();
  const socket: SharedSocket = useUnix
    ? { kind: 'unix', dir: dataDir, port: SOCKET_PORT }
    : { kind: 'tcp', host: '127.0.0.1', port: Number(server.getServerConn().split(':').pop()) };
  return {
    socket,
    async stop() {
      await server.stop();
      if (useUnix) rmSync(path, { force: true });
    },
  };
}

/** The connection settings for `pg` that reach a shared embedded database. */
export function socketConnection(socket: SharedSocket): {
  host: string;
  port: number;
  user: string;
  database: string;
} {
  return {
    host: socket.kind === 'unix' ? socket.dir : socket.host,
    port: socket.port,
    user: 'postgres',
    database: 'postgres',
  };
}

export function isSharedSocket(value: LockHolder['socket']): value is SharedSocket {
  return !!value && (value.kind === 'unix' || value.kind === 'tcp');
}
