import { scopeRoots } from './auth/scope.js';
import type { Actor } from './context.js';

/**
 * The unit subtrees (paths) an actor may read, for filtering lists in SQL; undefined when it may read
 * everything (the local admin, the system).
 */
export function readScope(actor: Actor): string[] | undefined {
  return actor.kind === 'localAdmin' || actor.kind === 'system'
    ? undefined
    : scopeRoots(actor.grants, 'read');
}
