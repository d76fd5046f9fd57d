import { AppError } from '../../domain/app-error.js';
import type { Role } from '../../domain/approval.js';
import { insertAuditRows } from '../../store/audit.queries.js';
import { grantsOfUsers, insertGrant, insertUser } from '../../store/users.queries.js';
import { auditEntry } from '../audit-entry.js';
import { hashPassword } from '../auth/password.js';
import { throttleAccountKey } from '../auth/throttle.js';
import type { Actor, AppContext } from '../context.js';
import { assertPasswordPolicy, newTemporaryPassword } from './temporary-password.js';
import {
  assertMayManageUser,
  parseRole,
  resolveGrantUnit,
  toUserSummary,
  userProvinceCode,
} from './user-access.js';
import type { UserSummary } from '../../contract/users.js';

export interface AddUserInput {
  login: string;
  displayName: string;
  email?: string | null;
  /** The password; when absent a temporary one is generated, returned once, and must be changed at first login. */
  password?: string | null;
  grants?: readonly { role: string; unit: string }[];
}

const LOGIN = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;

/**
 * Creates a user with their roles over units, in one transaction with its audit row; the actor must administer
 * users over every unit granted (a user without roles: the whole installation). Returns the temporary password
 * once when none was given (issue 7).
 */
export async function addUser(
  ctx: AppContext,
  actor: Actor,
  input: AddUserInput,
): Promise<{ user: UserSummary; temporaryPassword: string | null }> {
  const login = input.login.trim();
  if (!LOGIN.test(login)) {
    throw new AppError(
      'badInput',
      {
        vi: `Tên đăng nhập «${input.login}» không hợp lệ: 2–64 ký tự chữ không dấu, số, . _ @ -, bắt đầu bằng chữ hoặc số.`,
        en: `Login «${input.login}» is invalid: 2–64 letters without diacritics, digits, . _ @ -, starting with a letter or digit.`,
      },
      [{ field: 'login', message_vi: 'Tên đăng nhập không hợp lệ.', message_en: 'Invalid login.' }],
    );
  }
  const displayName = input.displayName.trim();
  if (displayName === '' || displayName.length > 200) {
    throw new AppError('badInput', {
      vi: 'Họ tên phải có từ 1 đến 200 ký tự.',
      en: 'The display name must have 1 to 200 characters.',
    });
  }
  const email = input.email?.trim() || null;
  const grants = await Promise.all(
    (input.grants ?? []).map(async (g, i) => ({
      role: parseRole(g.role, `grants[${i}].role`) as Role,
      unit: await resolveGrantUnit(ctx.db, g.unit, `grants[${i}].unit`),
    })),
  );
  assertMayManageUser(
    actor,
    grants.map((g) => ({ unitPath: g.unit.unitPath })),
    login,
  );
  const temporaryPassword = input.password ? null : newTemporaryPassword();
  const password = input.password ?? temporaryPassword ?? '';
  assertPasswordPolicy(password, { login, email, displayName });
  const passwordHash = await hashPassword(password, ctx.auth?.scrypt);
  const at = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const user = await insertUser(tx, {
      login,
      loginKey: throttleAccountKey(login),
      displayName,
      email,
      passwordHash,
      mustChangePassword: temporaryPassword !== null,
      at,
    });
    if (!user) {
      throw new AppError(
        'conflict',
        {
          vi: `Tên đăng nhập «${login}» đã có người dùng.`,
          en: `Login «${login}» is already taken.`,
        },
        [
          {
            field: 'login',
            message_vi: 'Tên đăng nhập đã có người dùng.',
            message_en: 'This login is taken.',
          },
        ],
      );
    }
    for (const g of grants) {
      await insertGrant(tx, {
        userId: user.id,
        role: g.role,
        unitId: g.unit.unitId,
        createdBy: actor.name,
        at,
      });
    }
    const summary = toUserSummary(user, await grantsOfUsers(tx, [user.id]));
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'create',
        entity: 'user',
        entityKey: user.login,
        provinceCode: userProvinceCode(grants.map((g) => g.unit)),
        oldData: null,
        newData: summary,
        at,
      }),
    ]);
    return { user: summary, temporaryPassword };
  });
}
