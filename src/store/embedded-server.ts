import { existsSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { LockHolder } from './data-dir-lock.js';
import type { PgliteDb } from './pglite-db.js';

/** How another process reaches the database a `dxmon serve` holds: the socket it shares it on. */
export type SharedSocket =
  { kind: 'unix'; dir: string; port: number } | { kind: 'tcp'; host: string; port: number };

const SOCKET_PORT = 5432;
/** Unix socket paths are limited to about 107 bytes; beyond that the database is shared on loopback TCP. */
const MAX_SOCKET_PATH = 100;
/** Clients at once; each is served in turn anyway, so more would only queue. */
const MAX_CLIENTS = 32;
/**
 * A client that holds the database in an open transaction and then says nothing for this long is disconnected and
 * its transaction rolled back: every other caller waits while a transaction is open.
 */
export const IDLE_IN_TRANSACTION_MS = 30_000;

/** Protocol codes of the PostgreSQL wire protocol (version 3) that the sharing reads. */
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Messages after which the backend answers and, when it is idle, says ReadyForQuery. */
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const FLUSH = 0x48; // 'H'
const COPY_DONE = 0x63; // 'c'
const COPY_FAIL = 0x66; // 'f'
const TERMINATE = 0x58; // 'X'
const READY_FOR_QUERY = 0x5a; // 'Z'
const IDLE = 0x49; // 'I'
/** Sync, to end whatever a vanished client left half-sent. */
const SYNC_MESSAGE = Uint8Array.from([SYNC, 0, 0, 0, 4]);

/** True when the backend's answer ends in ReadyForQuery with status idle: no transaction, no COPY, nothing open. */
function endsIdle(out: Uint8Array): boolean {
  const n = out.length;
  return n >= 6 && out[n - 6] === READY_FOR_QUERY && out[n - 1] === IDLE;
}

function queryMessage(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, 'utf8');
  const message = Buffer.alloc(5 + text.length);
  message[0] = QUERY;
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

/**
 * One client connection. Its messages are gathered up to the point where the backend answers (Sync, a simple
 * Query, Flush, the end of COPY data) and run as one batch in a turn of the database's queue; the turn is kept
 * while the backend is not idle afterwards (an open transaction, an unfinished extended-protocol exchange, COPY),
 * so no other caller's statement runs in between — the server's own queries, which use the database directly,
 * and other clients alike.
 */
class SharedConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private batch: Buffer[] = [];
  private started = false;
  private closed = false;
  private endTurn: (() => void) | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: Socket,
    private readonly db: PgliteDb,
    private readonly idleInTransactionMs: number,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (!this.started) {
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        if (length < 8 || this.buffer.length < length) return;
        const code = this.buffer.readInt32BE(4);
        const message = this.buffer.subarray(0, length);
        this.buffer = this.buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.socket.write('N'); // no encryption on a socket only this machine reaches
          continue;
        }
        if (code === CANCEL_REQUEST) {
          this.socket.end(); // not supported: a statement runs to its end
          return;
        }
        this.started = true;
        this.enqueue([Buffer.from(message)], true);
        continue;
      }
      if (this.buffer.length < 5) return;
      const length = 1 + this.buffer.readInt32BE(1);
      if (length < 5) {
        this.socket.destroy();
        return;
      }
      if (this.buffer.length < length) return;
      const message = Buffer.from(this.buffer.subarray(0, length));
      this.buffer = this.buffer.subarray(length);
      const type = message[0];
      if (type === TERMINATE) {
        this.socket.end();
        return;
      }
      this.batch.push(message);
      if (type === SYNC || type === QUERY || type === FLUSH || type === COPY_DONE || type === COPY_FAIL) {
        const batch = this.batch;
        this.batch = [];
        this.enqueue(batch, false);
      }
    }
  }

  private enqueue(batch: Buffer[], startup: boolean): void {
    this.work = this.work
      .then(() => this.run(batch, startup))
      .catch(() => {
        this.socket.destroy();
      });
  }

  private async run(batch: Buffer[], startup: boolean): Promise<void> {
    if (this.closed) return;
    this.stopIdleTimer();
    this.endTurn ??= await this.db.turns.take();
    if (this.closed) return this.finish();
    const out = await this.db.pglite.execProtocolRaw(startup ? (batch[0] as Buffer) : Buffer.concat(batch));
    if (out.length > 0 && this.socket.writable) this.socket.write(out);
    if (endsIdle(out)) {
      this.endTurn();
      this.endTurn = null;
    } else {
      this.startIdleTimer();
    }
  }

  private startIdleTimer(): void {
    this.idleTimer = setTimeout(() => this.socket.destroy(), this.idleInTransactionMs);
    this.idleTimer.unref();
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** The client is gone: whatever it left open is ended and rolled back, then its turn is given up. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopIdleTimer();
    this.work = this.work.then(() => this.finish()).catch(() => undefined);
  }

  private async finish(): Promise<void> {
    const end = this.endTurn;
    this.endTurn = null;
    if (!end) return;
    try {
      if (!this.db.pglite.closed) {
        await this.db.pglite.execProtocolRaw(SYNC_MESSAGE);
        if (this.db.pglite.isInTransaction()) await this.db.pglite.execProtocolRaw(queryMessage('ROLLBACK'));
      }
    } finally {
      end();
    }
  }

  /** Resolves once the connection's queued work and clean-up are done. */
  settled(): Promise<void> {
    return this.work;
  }
}

/**
 * Shares an embedded database on a socket (PostgreSQL wire protocol) for `dxmon --server` commands of other
 * processes; the server's own queries use the database directly. The unix socket lives in the data directory,
 * reachable only by whoever may write there.
 */
export async function shareEmbeddedDatabase(
  db: PgliteDb,
  dataDir: string,
  options: { idleInTransactionMs?: number } = {},
): Promise<{ socket: SharedSocket; stop: () => Promise<void> }> {
  const path = join(dataDir, `.s.PGSQL.${SOCKET_PORT}`);
  const useUnix = path.length <= MAX_SOCKET_PATH;
  if (useUnix && existsSync(path)) rmSync(path, { force: true });
  const connections = new Set<SharedConnection>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    const connection = new SharedConnection(
      socket,
      db,
      options.idleInTransactionMs ?? IDLE_IN_TRANSACTION_MS,
    );
    connections.add(connection);
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      void connection.settled().then(() => connections.delete(connection));
    });
  });
  server.maxConnections = MAX_CLIENTS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (useUnix) server.listen(path, () => resolve());
    else server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const socket: SharedSocket = useUnix
    ? { kind: 'unix', dir: dataDir, port: SOCKET_PORT }
    : { kind: 'tcp', host: '127.0.0.1', port: typeof address === 'object' && address ? address.port : 0 };
  return {
    socket,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
      await Promise.all([...connections].map((c) => c.settled()));
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
