import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { SESSION_KEY, useSession } from '../api/session';
import { offlineAvailable } from './offline-store';

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** Whether the browser says it has a connection, kept current. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

/**
 * Registers the service worker (web/public/sw.js) and gives it every file this page has loaded so far (the app's
 * hashed assets), so the page loads again without a connection. True once they are kept.
 */
function useServiceWorker(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!offlineAvailable()) return;
    const container = navigator.serviceWorker;
    const answered = (event: MessageEvent<unknown>) => {
      if ((event.data as { type?: string } | null)?.type === 'cached') setReady(true);
    };
    container.addEventListener('message', answered);
    void container
      .register('/sw.js', { scope: '/' })
      .then(() => container.ready)
      .then((registration) => {
        const urls = performance
          .getEntriesByType('resource')
          .map((e) => new URL(e.name))
          .filter((u) => u.origin === window.location.origin && u.pathname.startsWith('/assets/'))
          .map((u) => u.pathname);
        registration.active?.postMessage({ type: 'cache', urls: [...new Set(urls)] });
      })
      .catch(() => setReady(false));
    return () => container.removeEventListener('message', answered);
  }, []);
  return ready;
}

/** What the entry page knows of working offline. */
export interface OfflineState {
  /** The secure context needed: without it nothing is kept and the page says so. */
  available: boolean;
  online: boolean;
  /** The app's files are kept by the service worker: the page loads again offline. */
  ready: boolean;
  /** Whose entries are kept and shown (the signed-in or remembered user), or null. */
  login: string | null;
  /** Queued values may be sent now: online, and the server itself confirmed this user's session. */
  canSend: boolean;
}

/**
 * The entry page's offline state. Coming back online asks the server again who is signed in, so the queue is sent
 * only under its owner's live session (an expired one leads to sign-in first).
 */
export function useOffline(): OfflineState {
  const client = useQueryClient();
  const online = useOnline();
  const session = useSession(false).data;
  const ready = useServiceWorker();
  const wasOnline = useRef(online);
  useEffect(() => {
    if (online && !wasOnline.current) void client.invalidateQueries({ queryKey: SESSION_KEY });
    wasOnline.current = online;
  }, [client, online]);
  const available = offlineAvailable();
  return {
    available,
    online,
    ready,
    login: available ? (session?.login ?? null) : null,
    canSend: available && online && session !== null && session !== undefined && !session.offline,
  };
}
