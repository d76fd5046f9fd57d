import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.js';
import { insertIndicator, insertPlan, loadSmallTree } from '../support/auth-fixtures.js';
import { workspaceCli } from '../support/cli.js';
import { tempDirSync } from '../support/temp-dir.js';

// dxmon users / tokens / review, in process through main() on an embedded directory.

const dataDir = tempDirSync('dxmon-auth-');

const { dxmon, json } = workspaceCli(dataDir);

describe('dxmon users, tokens and review', () => {
  beforeAll(async () => {
    const opened = await openDatabase({ kind: 'embedded', dataDir }, { command: 'test' });
    await loadSmallTree(opened.db);
    const dx = await insertIndicator(opened.db, 'DX_A');
    await insertPlan(opened.db, 'KH-15', '15', [{ indicatorId: dx, unitCode: '15' }]);
    await opened.close();
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('adds a user with a role over a unit and a temporary password shown once', async () => {
    const run = await dxmon(
      'users',
      'add',
      'reporter.a',
      '--name',
      'Nguyễn Văn A',
      '--role',
      'reporter',
      '--unit',
      '02647',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^Đã thêm: reporter\.a\s+Nguyễn Văn A — reporter@02647 \[phải đổi mật khẩu\]\n/,
    );
    expect(run.stdout).toMatch(
      /Mật khẩu tạm của reporter\.a \(chỉ hiện lần này, phải đổi khi đăng nhập\): [A-Za-z0-9_-]{20}\n$/,
    );
    const added = await json<{ user: { login: string }; temporaryPassword: string }>(
      'users',
      'add',
      'secretariat.lc',
      '--name',
      'Tổ giúp việc',
      '--role',
      'secretariat',
      '--unit',
      '15',
    );
    expect(added.user.login).toBe('secretariat.lc');
    expect(added.temporaryPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
  }, 60_000);

  it('lists, grants, revokes, disables and resets', async () => {
    expect((await json<{ login: string }[]>('users', 'list')).map((u) => u.login)).toEqual([
      'reporter.a',
      'secretariat.lc',
    ]);
    const granted = await json<{ user: { grants: { role: string; unit: string }[] } }>(
      'users',
      'grant',
      'reporter.a',
      '--role',
      'viewer',
      '--unit',
      '15',
    );
    expect(granted.user.grants).toEqual([
      { role: 'viewer', unit: '15', unitName: 'Tỉnh Lào Cai', permissions: ['read'] },
      {
        role: 'reporter',
        unit: '02647',
        unitName: 'Phường Lào Cai',
        permissions: ['read', 'values:write', 'review:submit'],
      },
    ]);
    await json('users', 'revoke', 'reporter.a', '--role', 'viewer', '--unit', '15');
    const disabled = await dxmon('--lang', 'en', 'users', 'disable', 'reporter.a');
    expect(disabled.stdout).toBe('Disabled reporter.a; 0 sessions ended.\n');
    await json('users', 'enable', 'reporter.a');
    const reset = await json<{ temporaryPassword: string }>('users', 'reset-password', 'reporter.a');
    expect(reset.temporaryPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const missing = await dxmon('users', 'disable', 'nobody');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Không tìm thấy người dùng «nobody»');
    expect((await dxmon('users', 'add', 'x.y', '--name', 'X', '--role', 'viewer')).code).toBe(2);
  }, 60_000);

  it('creates an API token shown once, lists it without the secret, and revokes it', async () => {
    const created = await json<{ token: string; summary: { id: number } }>(
      'tokens',
      'create',
      '--name',
      'dhis2 sync',
      '--role',
      'viewer',
      '--unit',
      '15',
      '--days',
      '30',
    );
    expect(created.token).toMatch(/^dxm_[A-Za-z0-9_-]{43}$/);
    const list = await dxmon('--json', 'tokens', 'list');
    expect(list.stdout).not.toContain(created.token);
    expect(JSON.parse(list.stdout)).toMatchObject([{ id: created.summary.id, status: 'active', unit: '15' }]);
    const revoked = await dxmon('tokens', 'revoke', String(created.summary.id));
    expect(revoked.stdout).toBe(`Đã thu hồi mã truy cập số ${created.summary.id}.\n`);
    expect((await dxmon('tokens', 'revoke', 'abc')).code).toBe(2);
  }, 60_000);

  it('runs a review as named users with --as, refusing what their roles do not allow', async () => {
    const before = await dxmon(
      'review',
      'status',
      '--plan',
      'KH-15',
      '--period',
      '2025Q2',
      '--level',
      'commune',
    );
    expect(before.stdout).toBe(
      '02647        chưa gửi       Phường Lào Cai\n02648        chưa gửi       Xã Bát Xát\nchưa gửi: 2; đã gửi: 0; đã duyệt: 0; bị trả lại: 0\n',
    );
    const refused = await dxmon(
      '--as',
      'reporter.a',
      'review',
      'submit',
      '--plan',
      'KH-15',
      '--period',
      '2025Q2',
      '--unit',
      '02648',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Bạn không có quyền gửi báo cáo tại đơn vị 02648');
    const submitted = await json<{ changed: unknown[] }>(
      '--as',
      'reporter.a',
      'review',
      'submit',
      '--plan',
      'KH-15',
      '--period',
      '2025Q2',
      '--unit',
      '02647',
    );
    expect(submitted.changed).toEqual([{ unit: '02647', from: 'open', to: 'submitted' }]);
    const approved = await dxmon(
      '--as',
      'secretariat.lc',
      '--lang',
      'en',
      'review',
      'approve',
      '--plan',
      'KH-15',
      '--period',
      '2025Q2',
      '--under',
      '15',
      '--level',
      'commune',
    );
    expect(approved.stdout).toContain('KH-15 2025Q2: 1 units changed state.');
    expect(approved.stdout).toContain('02648: Cannot approve a period in state "open".');
    const reopen = await dxmon(
      '--as',
      'secretariat.lc',
      'review',
      'reopen',
      '--plan',
      'KH-15',
      '--period',
      '2025Q2',
      '--unit',
      '02647',
    );
    expect(reopen.code).toBe(1);
    expect(reopen.stderr).toContain('Phải nêu lý do');
    const outside = await dxmon(
      '--as',
      'reporter.a',
      'values',
      'set',
      '--indicator',
      'DX_A',
      '--unit',
      '02648',
      '--period',
      '2025Q3',
      '--value',
      '50',
    );
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('02648');
    const inside = await dxmon(
      '--as',
      'reporter.a',
      'values',
      'set',
      '--indicator',
      'DX_A',
      '--unit',
      '02647',
      '--period',
      '2025Q3',
      '--value',
      '50',
    );
    expect(inside.code, inside.stderr).toBe(0);
    expect((await dxmon('--as', 'nobody', 'users', 'list')).code).toBe(1);
    expect((await dxmon('--as', 'reporter.a', 'users', 'list')).code).toBe(1);
  }, 90_000);
});
