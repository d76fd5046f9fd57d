import type { Lang } from '../i18n/i18n';
import type { Problem, ProblemDetail } from './types';

/**
 * The one way the web app talks to the API (docs/web.md, "The API client"): same-origin requests with the session
 * cookie, the CSRF header on every write, problem+json errors as ApiError, and any 401 told to the shell (an
 * expired or revoked session takes the user to sign-in, then back).
 */

/** An error answer of the API, or a network failure (status 0), readable in either language. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /** The message in the reader's language, or null when the answer carried none (network, unexpected). */
  messageIn(lang: Lang): string | null {
    if (!this.problem) return null;
    return lang === 'en' ? this.problem.message_en : this.problem.message_vi;
  }

  /**
   * The messages by form field (`newPassword`, from `body.newPassword` or `newPassword`), in the reader's language;
   * details that name no field are left to `messageIn`.
   */
  fieldMessages(lang: Lang): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const detail of this.problem?.errors ?? []) {
      const field = fieldName(detail);
      if (field && !(field in byField))
        byField[field] = lang === 'en' ? detail.message_en : detail.message_vi;
    }
    return byField;
  }
}

function fieldName(detail: ProblemDetail): string | null {
  if (!detail.field) return null;
  const parts = detail.field.split('.');
  return parts[parts.length - 1] ?? null;
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token (from sign-in and `GET /session`); sent as x-csrf-token on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Calls `listener` whenever the API answers 401 to a request of a signed-in page; returns the unsubscribe. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A file sent as the raw body, with its media type (an upload), instead of a JSON `body`. */
  file?: { data: Blob; type: string };
  signal?: AbortSignal;
  /**
   * What a 401 means to this request: `expire` (the default) tells the shell the session is gone; `throw` only
   * throws (signing in: a wrong password is not an expired session).
   */
  on401?: 'expire' | 'throw';
}

const SAFE = new Set(['GET', 'HEAD']);

/** Requests `/api/v1${path}` and returns its JSON (undefined for 204), or throws ApiError. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.file) headers['content-type'] = options.file.type;
  if (!SAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.file ? { body: options.file.data } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, null, 'network');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json: unknown = text === '' ? null : safeJson(text);
  if (response.ok) return json as T;
  const problem = isProblem(json) ? json : null;
  if (response.status === 401 && (options.on401 ?? 'expire') === 'expire') {
    for (const listener of unauthorizedListeners) listener();
  }
  throw new ApiError(response.status, problem, problem?.message_en ?? `HTTP ${response.status}`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).message_vi === 'string' &&
    typeof (value as Problem).message_en === 'string'
  );
}
