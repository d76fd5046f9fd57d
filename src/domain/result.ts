/** A successful outcome carrying its value. */
export type Ok<T> = { ok: true; value: T };

/** A failed outcome carrying its error as data. */
export type Err<E> = { ok: false; error: E };

/** The outcome of a domain operation that can fail: errors are data, never thrown (docs/ARCHITECTURE.md, Errors). */
export type Result<T, E> = Ok<T> | Err<E>;

/** A user-facing message in both languages, identified by a stable machine-readable code. */
export type DomainMessage = { code: string; message_vi: string; message_en: string };

/** Wraps a value as a successful Result. */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** Wraps an error as a failed Result. */
export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}
