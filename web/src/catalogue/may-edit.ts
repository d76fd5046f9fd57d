import type { Session } from '../api/types';
import { grantsWith } from '../shell/permissions';

/**
 * Whether the user may change the catalogue: it is shared by every plan and unit, so the API asks for plans:manage
 * over the whole installation (a secretariat or admin grant at `/`); a province's secretariat only reads it.
 */
export function mayEditCatalogue(session: Session | null | undefined): boolean {
  return grantsWith(session, 'plans:manage').some((g) => g.unit === '/');
}
