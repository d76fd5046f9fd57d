import { isAllowed } from './authorize.js';
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

/**
 * Whether the actor may read the data of the unit at `unitPath` (a target, an actual, a value): what every list
 * and evaluation filters its rows by, whatever plan or parent they were reached through.
 */
export function mayRead(actor: Actor, unitPath: string): boolean {
  return isAllowed(actor, 'read', unitPath);
}
