import { insertAuditRows } from '../../store/audit.queries.js';
import { revokeUserSessions } from '../../store/sessions.queries.js';
import {
  deleteGrantsOfUser,
  disableDemoUsers,
  findUserByLoginKey,
  insertGrant,
  insertUser,
  listDemoUserRows,
  resetDemoUser,
} from '../../store/users.queries.js';
import { auditEntry } from '../audit-entry.js';
import { hashPassword } from '../auth/password.js';
import { throttleAccountKey } from '../auth/throttle.js';
import { SYSTEM, type AppContext } from '../context.js';
import { assertPasswordPolicy } from './temporary-password.js';
import { resolveGrantUnit } from './user-access.js';
import type { DemoAccount } from '../../contract/session.js';

/**
 * The demo accounts (docs/web.md, "Demo accounts"): a leader, the secretariat, a department reporter, a commune
 * reporter and an administrator over the demo workspace's units. Logins and passwords are fixed and public (shown
 * on the sign-in page): they exist only while a demo server listens on a loopback address.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    login: 'demo.lanhdao',
    password: 'Xem-so-lieu-2024',
    displayName: 'Lãnh đạo Ban Chỉ đạo (mẫu)',
    role: 'viewer',
    unit: 'pre2025:10',
    persona: { vi: 'Lãnh đạo tỉnh (xem toàn tỉnh)', en: 'Province leader (reads the whole province)' },
  },
  {
    login: 'demo.vanphong',
    password: 'Tong-hop-bao-cao-2024',
    displayName: 'Văn phòng Ban Chỉ đạo (mẫu)',
    role: 'secretariat',
    unit: 'pre2025:10',
    persona: { vi: 'Cơ quan thường trực, toàn tỉnh', en: 'Secretariat, whole province' },
  },
  {
    login: 'demo.so',
    password: 'Nhap-so-lieu-so-2024',
    displayName: 'Sở Thông tin và Truyền thông (mẫu)',
    role: 'reporter',
    unit: 'LCI-STTTT',
    persona: {
      vi: 'Báo cáo viên Sở Thông tin và Truyền thông',
      en: 'Reporter of the Department of Information and Communications',
    },
  },
  {
    login: 'demo.xa',
    password: 'Nhap-so-lieu-xa-2024',
    displayName: 'UBND xã A Mú Sung (mẫu)',
    role: 'reporter',
    unit: 'pre2025:02686',
    persona: { vi: 'Báo cáo viên xã A Mú Sung (Bát Xát)', en: 'Reporter of A Mú Sung commune (Bát Xát)' },
  },
  {
    login: 'demo.quantri',
    password: 'Quan-tri-he-thong-2024',
    displayName: 'Quản trị hệ thống (mẫu)',
    role: 'admin',
    unit: 'pre2025:10',
    persona: { vi: 'Quản trị viên, toàn tỉnh', en: 'Administrator, whole province' },
  },
];

/** The addresses demo accounts may live on: 127.0.0.0/8, ::1 (also as ::ffff:127.x.y.z) and localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  const parts = v4.split('.');
  return (
    parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)
  );
}

export interface DemoAccountsResult {
  /** The demo accounts that can sign in now. */
  enabled: DemoAccount[];
  /** Logins left alone: a real (not demo) user already holds them, or the workspace lacks their unit. */
  skipped: string[];
  /** How many demo users were disabled (when demo accounts are not allowed). */
  disabled: number;
}

/**
 * Sets the demo accounts up at a server's start: with `enabled` (a demo server on a loopback address) each is
 * created or made usable as shipped again — its password, no forced change, its one role — audited; otherwise
 * every demo user is disabled and its sessions ended. A login a real user already holds is never touched.
 */
export async function prepareDemoAccounts(
  ctx: AppContext,
  options: { enabled: boolean },
): Promise<DemoAccountsResult> {
  const at = ctx.now();
  const actor = SYSTEM;
  if (!options.enabled) {
    return ctx.db.transaction(async (tx) => {
      const ids = await disableDemoUsers(tx, at);
      for (const id of ids) await revokeUserSessions(tx, id, at);
      if (ids.length > 0) {
        await insertAuditRows(tx, [
          auditEntry(ctx, actor, {
            action: 'update',
            entity: 'user',
            entityKey: 'demo',
            oldData: null,
            newData: { demoAccountsDisabled: ids.length },
            at,
          }),
        ]);
      }
      return { enabled: [], skipped: [], disabled: ids.length };
    });
  }
  const hashes = await Promise.all(
    DEMO_ACCOUNTS.map(async (account) => {
      assertPasswordPolicy(account.password, { login: account.login, displayName: account.displayName });
      return hashPassword(account.password, ctx.auth?.scrypt);
    }),
  );
  return ctx.db.transaction(async (tx) => {
    const enabled: DemoAccount[] = [];
    const skipped: string[] = [];
    for (const [i, account] of DEMO_ACCOUNTS.entries()) {
      const passwordHash = hashes[i] ?? '';
      // A workspace whose demo was never loaded (it had plans of its own) may lack the demo's units.
      const unit = await resolveGrantUnit(tx, account.unit, 'unit').catch(() => null);
      if (!unit) {
        skipped.push(account.login);
        continue;
      }
      const existing = await findUserByLoginKey(tx, throttleAccountKey(account.login));
      if (existing && !existing.demo) {
        skipped.push(account.login);
        continue;
      }
      const user =
        existing ??
        (await insertUser(tx, {
          login: account.login,
          loginKey: throttleAccountKey(account.login),
          displayName: account.displayName,
          email: null,
          passwordHash,
          mustChangePassword: false,
          demo: true,
          at,
        }));
      if (!user) continue;
      if (existing) {
        await resetDemoUser(tx, user.id, { displayName: account.displayName, passwordHash, at });
        await deleteGrantsOfUser(tx, user.id);
      }
      await insertGrant(tx, {
        userId: user.id,
        role: account.role,
        unitId: unit.unitId,
        createdBy: actor.name,
        at,
      });
      await insertAuditRows(tx, [
        auditEntry(ctx, actor, {
          action: existing ? 'update' : 'create',
          entity: 'user',
          entityKey: account.login,
          provinceCode: unit.provinceCode,
          oldData: null,
          newData: { demo: true, role: account.role, unit: unit.label },
          at,
        }),
      ]);
      enabled.push(summary(account));
    }
    return { enabled, skipped, disabled: 0 };
  });
}

/**
 * The demo accounts that can sign in now, for the sign-in page: none unless this server allows demo accounts
 * (`ctx.demoAccounts`: `dxmon serve --demo` on a loopback address), and only those whose demo user is enabled.
 */
export async function listDemoAccounts(ctx: AppContext): Promise<DemoAccount[]> {
  if (ctx.demoAccounts !== true) return [];
  const live = new Set(
    (await listDemoUserRows(ctx.db)).filter((u) => !u.disabled).map((u) => throttleAccountKey(u.login)),
  );
  return DEMO_ACCOUNTS.filter((a) => live.has(throttleAccountKey(a.login))).map(summary);
}

function summary(account: DemoAccount): DemoAccount {
  return {
    login: account.login,
    password: account.password,
    displayName: account.displayName,
    role: account.role,
    unit: account.unit,
    persona: account.persona,
  };
}

/** The refusal of a demo account's sign-in on a server that does not allow demo accounts. */
export const DEMO_ACCOUNT_REFUSED = {
  vi: 'Tài khoản mẫu chỉ dùng được khi DX Monitor chạy chế độ mẫu (--demo) trên địa chỉ nội bộ (localhost, 127.0.0.1, ::1). Máy chủ này không cho phép tài khoản mẫu; hãy dùng tài khoản do quản trị viên cấp.',
  en: 'Demo accounts work only while DX Monitor runs in demo mode (--demo) on a loopback address (localhost, 127.0.0.1, ::1). This server does not allow them; use an account your administrator gave you.',
};
