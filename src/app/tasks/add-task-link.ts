import { insertAuditRows } from '../../store/audit.queries.js';
import { auditEntry } from '../audit-entry.js';
import { AppError } from '../../domain/app-error.js';
import { insertTaskLink } from '../../store/tasks.queries.js';
import type { Actor, AppContext } from '../context.js';
import { referenceDate, resolveTaskFor, toTaskDetail } from './task-view.js';
import type { TaskDetail } from '../../contract/tasks.js';

function isWebLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Attaches a document to a task by link (an http(s) URL and a title; files are never uploaded), docs/domain.md §7;
 * values:write on the lead unit; audited.
 */
export async function addTaskLink(
  ctx: AppContext,
  actor: Actor,
  input: { code: string; url: string; title?: string },
): Promise<TaskDetail> {
  const url = input.url.trim();
  if (!isWebLink(url)) {
    throw new AppError(
      'badInput',
      {
        vi: `Liên kết «${url}» không hợp lệ: cần địa chỉ http:// hoặc https://.`,
        en: `The link «${url}» is invalid: an http:// or https:// address is needed.`,
      },
      [{ field: 'url', message_vi: 'Địa chỉ không hợp lệ.', message_en: 'Invalid address.' }],
    );
  }
  const title = input.title?.trim() || url;
  return ctx.db.transaction(async (tx) => {
    const task = await resolveTaskFor(tx, actor, input.code, 'values:write');
    const link = await insertTaskLink(tx, { taskId: task.id, url, title, createdBy: actor.name });
    await insertAuditRows(tx, [
      auditEntry(ctx, actor, {
        action: 'create',
        entity: 'task_link',
        entityKey: `${task.code}#${link.id}`,
        provinceCode: task.provinceCode,
        oldData: null,
        newData: { task: task.code, url, title },
      }),
    ]);
    return toTaskDetail(tx, task, referenceDate(ctx, undefined));
  });
}
