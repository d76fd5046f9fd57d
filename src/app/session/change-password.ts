import { AppError } from '../../domain/app-error.js';
import { findUserByLoginKey, grantsOfUsers } from '../../store/users.queries.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { throttleAccountKey } from '../auth/throttle.js';
import type { Actor, AppContext } from '../context.js';
import { assertPasswordPolicy } from '../users/temporary-password.js';
import { userProvinceCode } from '../users/user-access.js';
import { writeNewPassword } from '../users/write-password.js';

/**
 * Changes the signed-in user's own password after checking the current one; clears "must change password" and
 * ends the user's other sessions, keeping the one in use (issue 7, ASVS V2.1.5 and V3.3.3).
 */
export async function changeOwnPassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; sessionId: number | null },
): Promise<{ sessionsEnded: number }> {
  const user =
    actor.kind === 'user' ? await findUserByLoginKey(ctx.db, throttleAccountKey(actor.name)) : null;
  if (!user || user.id !== actor.userId) {
    throw new AppError('forbidden', {
      vi: 'Chỉ người dùng đã đăng nhập mới đổi được mật khẩu của mình.',
      en: 'Only a signed-in user can change their own password.',
    });
  }
  if (user.demo) {
    throw new AppError(
      'forbidden',
      {
        vi: 'Mật khẩu của tài khoản mẫu là cố định (hiện trên trang đăng nhập) và không đổi được.',
        en: 'A demo account’s password is fixed (shown on the sign-in page) and cannot be changed.',
      },
      [
        {
          field: 'newPassword',
          message_vi: 'Tài khoản mẫu không đổi được mật khẩu.',
          message_en: 'A demo account cannot change its password.',
        },
      ],
    );
  }
  const verified = await verifyPassword(input.currentPassword, user.passwordHash, ctx.auth?.scrypt);
  if (!verified.ok) {
    throw new AppError(
      'badInput',
      { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' },
      [{ field: 'currentPassword', message_vi: 'Không đúng.', message_en: 'Wrong.' }],
    );
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError(
      'badInput',
      {
        vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.',
        en: 'The new password must differ from the current one.',
      },
      [{ field: 'newPassword', message_vi: 'Trùng mật khẩu cũ.', message_en: 'Same as the current one.' }],
    );
  }
  assertPasswordPolicy(
    input.newPassword,
    { login: user.login, email: user.email, displayName: user.displayName },
    'newPassword',
  );
  const hash = await hashPassword(input.newPassword, ctx.auth?.scrypt);
  return ctx.db.transaction(async (tx) => {
    const province = userProvinceCode(await grantsOfUsers(tx, [user.id]));
    const sessionsEnded = await writeNewPassword(ctx, tx, actor, user, province, {
      hash,
      mustChangePassword: false,
      keepSessionId: input.sessionId,
      newData: { passwordChanged: true },
    });
    return { sessionsEnded };
  });
}
