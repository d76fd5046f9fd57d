import { AppError } from '../../domain/app-error.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import { deleteGrant, grantsOfUsers, insertGrant } from '../../store/users.queries.js';
import { auditEntry } from '../audit-entry.js';
import { authorize } from '../authorize.js';
import type { Actor, AppContext } from '../context.js';
import { loadManagedUser, parseRole, resolveGrantUnit, toUserSummary } from './user-access.js';
import type { UserSummary } from '../../contract/users.js';

/**
 * Gives a user a role over a unit subtree (`/` for the whole installation); the actor must administer users
 * there and over every role the user already holds. Granting a role already held changes nothing (issue 7).
 */
export async function grantRole(
  ctx: AppContext,
  actor: Actor,
  input: { login: string; role: string; unit: string },
): Promise<{ user: UserSummary; changed: boolean }> {
  const role = parseRole(input.role);
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const { user, grants } = await loadManagedUser(tx, actor, input.login);
    const unit = await resolveGrantUnit(tx, input.unit);
    authorize(actor, 'users:manage', unit.unitPath, unit.label);
    const changed = await insertGrant(tx, {
      userId: user.id,
      role,
      unitId: unit.unitId,
      createdBy: actor.name,
      at,
    });
    if (changed) {
      await insertAuditRows(tx, [
        auditEntry(ctx, actor, {
          action: 'create',
          entity: 'userGrant',
          entityKey: `${user.login}|${role}|${unit.label}`,
          provinceCode: unit.provinceCode,
          oldData: null,
          newData: { login: user.login, role, unit: unit.label },
          at,
        }),
      ]);
    }
    const after = changed ? await grantsOfUsers(tx, [user.id]) : grants;
    return { user: toUserSummary(user, after), changed };
  });
}

/** Takes a role over a unit away from a user the actor may manage; refuses when the user does not hold it (issue 7). */
export async function revokeRole(
  ctx: AppContext,
  actor: Actor,
  input: { login: string; role: string; unit: string },
): Promise<{ user: UserSummary }> {
  const role = parseRole(input.role);
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const { user } = await loadManagedUser(tx, actor, input.login);
    const unit = await resolveGrantUnit(tx, input.unit);
    const removed = await deleteGrant(tx, { userId: user.id, role, unitId: unit.unitId });
    if (!removed) {
      throw new AppError('notFound', {
        vi: `Người dùng «${user.login}» không có vai trò ${role} tại ${unit.label}.`,
        en: `User «${user.login}» does not hold role ${role} at ${unit.label}.`,
      });
    }
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'delete',
        entity: 'userGrant',
        entityKey: `${user.login}|${role}|${unit.label}`,
        provinceCode: unit.provinceCode,
        oldData: { login: user.login, role, unit: unit.label },
        newData: null,
        at,
      }),
    ]);
    return { user: toUserSummary(user, await grantsOfUsers(tx, [user.id])) };
  });
}
