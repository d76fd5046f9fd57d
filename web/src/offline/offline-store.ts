import { useSyncExternalStore } from 'react';
import type { EntryForm, ValueSaved } from '../api/entry';
import type { Session } from '../api/types';

/**
 * What the entry page keeps in this browser for working without a connection (docs/web.md, "Offline entry"), in
 * localStorage and always under the signed-in user's login: the session last confirmed by the server, the forms
 * read online, the values entered offline waiting to be sent, and those sent since.
 */

const PREFIX = 'dxmon.offline.';
const SESSION = `${PREFIX}session`;
const formKey = (login: string, query: string) => `${PREFIX}form.${login}.${query}`;
const queueKey = (login: string) => `${PREFIX}queue.${login}`;
const sentKey = (login: string) => `${PREFIX}sent.${login}`;
/** Told on this page whenever the queue or the sent list changes (the storage event only tells other tabs). */
const CHANGED = 'dxmon-offline-changed';
/** How many sent values the page keeps listing. */
const SENT_KEPT = 20;

/** A cell's text as entered, as the cell keeps it. */
export interface QueuedDraft {
  value: string;
  numerator: string;
  denominator: string;
  comment: string;
}

/** A value entered without a connection, with the version of the cell it was entered against. */
export interface QueuedEntry {
  unit: string;
  unitName: string;
  period: string;
  indicator: string;
  name: string;
  draft: QueuedDraft;
  version: number | null;
  enteredAt: string;
}

/** A queued value once the server took it. */
export type SentEntry = Omit<QueuedEntry, 'draft' | 'version'> & { sentAt: string };

function read<T>(key: string): T | null {
  try {
    const text = window.localStorage.getItem(key);
    return text === null ? null : (JSON.parse(text) as T);
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // A full or refused storage keeps nothing: the cell then says it could not save, as without this feature.
  }
}

function changed(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/** Whether this page may keep data for offline use: service workers and storage need a secure context. */
export function offlineAvailable(): boolean {
  return window.isSecureContext && 'serviceWorker' in navigator;
}

/** Remembers the session the server just confirmed (never a token's, never the CSRF token). */
export function rememberSession(session: Session): void {
  if (!offlineAvailable() || session.kind !== 'user') return;
  write(SESSION, { ...session, csrfToken: null });
}

/** Forgets the remembered session (sign-out, expiry): offline, nobody's form is then shown. */
export function forgetSession(): void {
  write(SESSION, null);
}

/** The session remembered from the last visit, marked `offline`, for a page loaded without a connection. */
export function rememberedSession(): Session | null {
  const session = read<Session>(SESSION);
  return session ? { ...session, offline: true } : null;
}

/** Keeps a form read online, for this user and this address of the page. */
export function cacheForm(login: string, query: string, form: EntryForm): void {
  if (!offlineAvailable()) return;
  write(formKey(login, query), { ...form, cachedAt: new Date().toISOString() });
}

/** The form last read online for this user and address, with when (`cachedAt`), or null. */
export function cachedForm(login: string, query: string): EntryForm | null {
  return read<EntryForm>(formKey(login, query));
}

/** Writes a value the server saved into this user's kept forms of that unit and period, so they stay current. */
export function patchCachedForms(
  login: string,
  key: { unit: string; period: string; indicator: string },
  saved: ValueSaved,
): void {
  const prefix = formKey(login, '');
  for (let i = 0; i < window.localStorage.length; i++) {
    const storageKey = window.localStorage.key(i);
    if (!storageKey?.startsWith(prefix)) continue;
    const form = read<EntryForm>(storageKey);
    if (!form || form.unit.code !== key.unit || form.period !== key.period) continue;
    const { warnings: _warnings, ...stored } = saved;
    const groups = form.groups.map((g) => ({
      ...g,
      cells: g.cells.map((c) => (c.indicator === key.indicator ? { ...c, ...stored } : c)),
    }));
    write(storageKey, { ...form, groups });
  }
}

const sameCell = (a: Pick<QueuedEntry, 'unit' | 'period' | 'indicator'>) => (b: QueuedEntry) =>
  a.unit === b.unit && a.period === b.period && a.indicator === b.indicator;

/** This user's values waiting to be sent, oldest first. */
export function queueOf(login: string): QueuedEntry[] {
  return read<QueuedEntry[]>(queueKey(login)) ?? [];
}

/** The value waiting for this cell, if any. */
export function queuedFor(
  login: string,
  key: Pick<QueuedEntry, 'unit' | 'period' | 'indicator'>,
): QueuedEntry | undefined {
  return queueOf(login).find(sameCell(key));
}

/** Puts a value in the user's queue, replacing one waiting for the same cell (its first version is kept). */
export function enqueue(login: string, entry: QueuedEntry): void {
  const queue = queueOf(login);
  const earlier = queue.find(sameCell(entry));
  const next = queue.filter((e) => !sameCell(entry)(e));
  next.push(earlier ? { ...entry, version: earlier.version } : entry);
  write(queueKey(login), next);
  changed();
}

/** Takes a cell's value out of the queue: `sent` when the server took it (listed as sent), else dropped. */
export function dequeue(
  login: string,
  key: Pick<QueuedEntry, 'unit' | 'period' | 'indicator'>,
  sent: boolean,
): void {
  const queue = queueOf(login);
  const entry = queue.find(sameCell(key));
  if (!entry) return;
  write(
    queueKey(login),
    queue.filter((e) => e !== entry),
  );
  if (sent) {
    const { draft: _draft, version: _version, ...rest } = entry;
    const list = [{ ...rest, sentAt: new Date().toISOString() }, ...sentOf(login)].slice(0, SENT_KEPT);
    write(sentKey(login), list);
  }
  changed();
}

/** This user's values sent from the queue, newest first. */
export function sentOf(login: string): SentEntry[] {
  return read<SentEntry[]>(sentKey(login)) ?? [];
}

function subscribe(listener: () => void): () => void {
  window.addEventListener(CHANGED, listener);
  window.addEventListener('storage', listener);
  return () => {
    window.removeEventListener(CHANGED, listener);
    window.removeEventListener('storage', listener);
  };
}

/** The user's queue and sent list, kept current (as JSON text, so that an unchanged list is the same value). */
export function useOfflineLists(login: string | null): { queue: QueuedEntry[]; sent: SentEntry[] } {
  const text = useSyncExternalStore(subscribe, () =>
    login ? JSON.stringify([queueOf(login), sentOf(login)]) : '[[],[]]',
  );
  const [queue, sent] = JSON.parse(text) as [QueuedEntry[], SentEntry[]];
  return { queue, sent };
}
