import type { Session } from '../api/types';

/**
 * Whether the user administers the whole installation (admin over `/`): what loading unit boundaries asks
 * (docs/maps.md). An administrator of one province is not one; the API refuses them too.
 */
export function isInstallationAdmin(session: Session | null | undefined): boolean {
  return session?.grants.some((g) => g.role === 'admin' && g.unit === '/') ?? false;
}
