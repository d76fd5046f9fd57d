import type { Session } from '../api/types';
import { unitsWith } from '../shell/permissions';

// Methodologies belong to the whole installation (docs/composite-index.md, "Rights"): loading, editing, copying and
// publishing need `plans:manage` over `/`, reading a ranking `read` over `/`. The API checks every request anyway.

/** Whether the session may load, edit, copy methodologies and publish a year. */
export function mayManageIndex(session: Session | null | undefined): boolean {
  return unitsWith(session, 'plans:manage').includes('/');
}

/** The units the session's own grants name (not `/`): the "own unit" a what-if starts with. */
export function ownUnits(session: Session | null | undefined): string[] {
  return [...new Set((session?.grants ?? []).map((g) => g.unit).filter((u) => u !== '/'))];
}
