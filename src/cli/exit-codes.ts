import type { ErrorCode } from '../domain/app-error.js';

/** The exit code for each error code (docs/cli.md: 1 bad input or refused, 2 usage). */
export const EXIT_CODES: Record<ErrorCode, number> = {
  badInput: 1,
  tooLarge: 1,
  notFound: 1,
  conflict: 1,
  staleVersion: 1,
  locked: 1,
  unauthenticated: 1,
  forbidden: 1,
  dataDirInUse: 1,
  unavailable: 1,
  usage: 2,
  internal: 1,
};
