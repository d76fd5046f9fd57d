import { migrate, type MigrationReport } from '../../store/migrate.js';
import type { AppContext } from '../context.js';

/**
 * Brings the database schema up to date (`dxmon migrate`): applies the numbered migrations not yet applied, in
 * one transaction, and says which (none when the schema is already current). An applied migration whose file
 * was edited since is refused (AppError `conflict`) and nothing is changed.
 */
export function migrateSchema(ctx: AppContext): Promise<MigrationReport> {
  return migrate(ctx.db);
}

/**
 * The line `dxmon migrate` and `dxmon serve` print when a database migrated before checksums were recorded takes
 * the current files' checksums, once; null when nothing was adopted.
 */
export function adoptedChecksumsNotice(adopted: readonly string[]): { vi: string; en: string } | null {
  if (adopted.length === 0) return null;
  return {
    vi: `Cơ sở dữ liệu này được tạo trước khi DX Monitor ghi tổng kiểm của các di chuyển lược đồ: đã ghi tổng kiểm của ${adopted.length} di chuyển đã áp dụng theo các tệp hiện có (chỉ một lần). Từ nay, một di chuyển đã áp dụng mà tệp bị sửa sẽ bị từ chối.`,
    en: `This database was migrated before DX Monitor recorded migration checksums: the checksums of its ${adopted.length} applied migrations were recorded from the current files (once). From now on, an applied migration whose file was edited is refused.`,
  };
}
