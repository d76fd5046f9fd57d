import { Option, type Command } from 'commander';
import type { Actor, AppContext } from '../../app/context.js';
import type { TaskDetail, TaskView } from '../../contract/tasks.js';
import { PROJECT_APPROVAL_TRANSITIONS, type ProjectApprovalState } from '../../domain/project.js';
import {
  STATUS_PHRASES,
  TASK_STATUSES,
  type TaskKind,
  type TaskStatus,
  type TaskSummary,
} from '../../domain/task-status.js';
import { formatNumber, formatPercent } from '../../domain/format-number.js';
import { TASK_KINDS } from '../../domain/task-status.js';
import { parseWholeNumber, usageError, withWorkspace, type Lang } from '../cli-context.js';
import type { RegisterCommand } from '../main.js';
import { lazy } from '../lazy.js';

const cliActor = lazy(() => import('../cli-actor.js'), 'cliActor');
const addTaskLink = lazy(() => import('../../app/tasks/add-task-link.js'), 'addTaskLink');
const addTaskNote = lazy(() => import('../../app/tasks/add-task-note.js'), 'addTaskNote');
const changeProjectApproval = lazy(
  () => import('../../app/tasks/change-project-approval.js'),
  'changeProjectApproval',
);
const createTask = lazy(() => import('../../app/tasks/create-task.js'), 'createTask');
const deleteTask = lazy(() => import('../../app/tasks/delete-task.js'), 'deleteTask');
const listProjects = lazy(() => import('../../app/tasks/list-projects.js'), 'listProjects');
const listUnapprovedProjects = lazy(
  () => import('../../app/tasks/list-projects.js'),
  'listUnapprovedProjects',
);
const getTask = lazy(() => import('../../app/tasks/list-tasks.js'), 'getTask');
const listTasks = lazy(() => import('../../app/tasks/list-tasks.js'), 'listTasks');
const buildTaskReport = lazy(() => import('../../app/tasks/summarize-tasks.js'), 'buildTaskReport');
const summarizeTasks = lazy(() => import('../../app/tasks/summarize-tasks.js'), 'summarizeTasks');
const updateTask = lazy(() => import('../../app/tasks/update-task.js'), 'updateTask');

const APPROVAL_STATES = Object.keys(PROJECT_APPROVAL_TRANSITIONS);

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** A disbursement rate (0.4 → "40%") at one decimal, or a dash when nothing was planned. */
function rateText(lang: Lang, rate: number | null): string {
  return rate === null ? '—' : formatPercent(rate * 100, lang, 1);
}

/** `none` clears an optional field; anything else is kept as written. */
function optional(value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value.trim().toLowerCase() === 'none' ? null : value;
}

function amount(value: string | undefined, field: string): number | null | undefined {
  const v = optional(value);
  if (v === undefined || v === null) return v;
  const n = Number(v.replace(/[\s_]/g, ''));
  if (!Number.isFinite(n)) {
    throw usageError({
      vi: `--${field} «${v}» không phải số tiền (VNĐ, chỉ ghi chữ số).`,
      en: `--${field} «${v}» is not an amount (VND, digits only).`,
    });
  }
  return n;
}

/** The committee's sentence: "tổng 38 nhiệm vụ; 1 đã hoàn thành; 31 thực hiện thường xuyên; 6 đang triển khai". */
export function summarySentence(lang: Lang, summary: TaskSummary, at: string): string {
  const n = (x: number) => formatNumber(x, lang, 0);
  const parts = (['completed', 'recurring', 'inProgress', 'notStarted'] as const)
    .filter((s) => summary.byStatus[s] > 0)
    .map((s) => `${n(summary.byStatus[s])} ${STATUS_PHRASES[s][lang]}`);
  const head = lang === 'vi' ? `tổng ${n(summary.total)} nhiệm vụ` : `${n(summary.total)} tasks in total`;
  const overdue =
    lang === 'vi'
      ? `${n(summary.byStatus.overdue)} quá hạn (tính đến ${at})`
      : `${n(summary.byStatus.overdue)} overdue (as of ${at})`;
  return [head, ...parts, overdue].join('; ');
}

const APPROVAL_LABELS: Record<ProjectApprovalState, { vi: string; en: string }> = {
  drafted: { vi: 'đang soạn thảo', en: 'drafted' },
  submitted: { vi: 'đã trình', en: 'submitted' },
  approved: { vi: 'đã phê duyệt', en: 'approved' },
  rejected: { vi: 'bị từ chối', en: 'rejected' },
};

function taskLine(lang: Lang, t: TaskView): string {
  const vi = lang === 'vi';
  const status = t.overdue
    ? `${STATUS_PHRASES[t.status][lang]}, ${STATUS_PHRASES.overdue[lang]}`
    : STATUS_PHRASES[t.status][lang];
  const when = t.recurring
    ? vi
      ? 'thường xuyên'
      : 'recurring'
    : t.due
      ? `${vi ? 'hạn' : 'due'} ${t.due}`
      : vi
        ? 'chưa có hạn'
        : 'no due date';
  return `${t.code.padEnd(18)} [${status}; ${when}] ${t.title} — ${t.leadUnit.name} (${t.leadUnit.code})`;
}

function detailText(lang: Lang, t: TaskDetail): string {
  const vi = lang === 'vi';
  const lines = [
    taskLine(lang, t),
    `${vi ? 'Chương trình' : 'Programme'}: ${t.programmeName} (${t.programme})`,
    ...(t.start ? [`${vi ? 'Bắt đầu' : 'Start'}: ${t.start}`] : []),
    ...(t.supportingUnits.length
      ? [
          `${vi ? 'Phối hợp' : 'Supporting'}: ${t.supportingUnits.map((u) => `${u.name} (${u.code})`).join(', ')}`,
        ]
      : []),
    ...(t.budget
      ? [
          `${vi ? 'Kinh phí' : 'Budget'}: ${formatNumber(t.budget.disbursed, lang, 1)} / ${formatNumber(t.budget.planned, lang, 1)} VNĐ (${rateText(lang, t.budget.rate)})`,
        ]
      : []),
    ...(t.approval
      ? [
          `${vi ? 'Phê duyệt' : 'Approval'}: ${APPROVAL_LABELS[t.approval.state][lang]}` +
            [
              t.approval.submittedOn ? ` (${vi ? 'trình' : 'submitted'} ${t.approval.submittedOn})` : '',
              t.approval.approvedOn ? ` (${vi ? 'duyệt' : 'approved'} ${t.approval.approvedOn})` : '',
              t.approval.rejectedOn ? ` (${vi ? 'từ chối' : 'rejected'} ${t.approval.rejectedOn})` : '',
            ].join(''),
        ]
      : []),
    ...(t.note ? [`${vi ? 'Ghi chú' : 'Note'}: ${t.note}`] : []),
    ...t.notes.map((n) => `  ${n.date} ${n.author}: ${n.text}`),
    ...t.links.map((l) => `  ↗ ${l.title} <${l.url}>`),
    `${vi ? 'Phiên bản' : 'Version'} ${t.version}`,
  ];
  return lines.join('\n');
}

interface FieldOptions {
  programme?: string;
  title?: string;
  kind?: TaskKind;
  leadUnit?: string;
  supportingUnit?: string[];
  start?: string;
  due?: string;
  recurring?: boolean;
  status?: TaskStatus;
  note?: string;
  budgetPlanned?: string;
  budgetDisbursed?: string;
}

function addFieldOptions(command: Command, forUpdate: boolean): void {
  command
    .option('--programme <code>', 'chương trình / programme (e.g. DA06)')
    .option('--title <text>', 'tên nhiệm vụ / title')
    .addOption(new Option('--kind <kind>', 'nhiệm vụ hay dự án / task or project').choices(TASK_KINDS))
    .option('--lead-unit <code>', 'đơn vị chủ trì / lead unit (e.g. LCI-CAT, pre2025:10)')
    .option(
      '--supporting-unit <code>',
      'đơn vị phối hợp, lặp lại được / supporting unit, repeatable',
      collect,
    )
    .option('--start <date>', 'ngày bắt đầu / start date YYYY-MM-DD' + (forUpdate ? ' (none clears)' : ''))
    .option('--due <date>', 'hạn hoàn thành / due date YYYY-MM-DD' + (forUpdate ? ' (none clears)' : ''))
    .option('--recurring', 'thực hiện thường xuyên / recurring')
    .addOption(new Option('--status <status>', 'trạng thái / status').choices(TASK_STATUSES))
    .option('--note <text>', 'ghi chú / note' + (forUpdate ? ' (none clears)' : ''))
    .option('--budget-planned <vnd>', 'kinh phí kế hoạch (dự án) / planned budget, VND')
    .option('--budget-disbursed <vnd>', 'đã giải ngân (dự án) / disbursed, VND');
  if (forUpdate) command.option('--no-recurring', 'không thường xuyên / not recurring');
}

export const registerTasks: RegisterCommand = (program, runtime) => {
  const tasks = program
    .command('tasks')
    .description('Nhiệm vụ, dự án / tasks and projects (docs/domain.md §7)');
  const actor = (ctx: AppContext): Promise<Actor> => cliActor(ctx, runtime.globals());

  tasks
    .command('summary')
    .description('Đếm nhiệm vụ theo trạng thái / count tasks per status')
    .option('--programme <code>', 'chương trình / programme (e.g. DA06)')
    .option('--unit <code>', 'đơn vị chủ trì và cấp dưới / lead unit subtree')
    .option('--at <date>', 'ngày tham chiếu cho quá hạn / reference date YYYY-MM-DD (today)')
    .action(async (options: { programme?: string; unit?: string; at?: string }) => {
      const { summary, at } = await withWorkspace(runtime.globals(), 'tasks summary', async (ctx) => {
        const { referenceDate } = await import('../../app/tasks/task-view.js');
        const at = referenceDate(ctx, options.at);
        return { summary: await summarizeTasks(ctx, await actor(ctx), { ...options, at }), at };
      });
      runtime.print(summary, (lang) => {
        const name = options.programme ?? (lang === 'vi' ? 'Tất cả chương trình' : 'All programmes');
        return `${name}: ${summarySentence(lang, summary, at)}.`;
      });
    });

  tasks
    .command('report')
    .description(
      'Theo chương trình, đơn vị; nhiệm vụ quá hạn, sắp đến hạn / per programme and unit, overdue, at risk',
    )
    .option('--programme <code>', 'chương trình / programme')
    .option('--unit <code>', 'đơn vị chủ trì và cấp dưới / lead unit subtree')
    .option('--at <date>', 'ngày tham chiếu / reference date YYYY-MM-DD (today)')
    .option('--horizon <days>', 'số ngày tới hạn coi là có nguy cơ / days ahead counted at risk', '30')
    .action(async (options: { programme?: string; unit?: string; at?: string; horizon: string }) => {
      const horizonDays = parseWholeNumber(options.horizon, '--horizon', { min: 0 });
      const report = await withWorkspace(runtime.globals(), 'tasks report', async (ctx) =>
        buildTaskReport(ctx, await actor(ctx), { ...options, horizonDays }),
      );
      runtime.print(report, (lang) => {
        const vi = lang === 'vi';
        return [
          `${vi ? 'Tổng' : 'Total'}: ${summarySentence(lang, report.summary, report.at)}`,
          ...report.byProgramme.map(
            (p) => `  ${p.programme}: ${summarySentence(lang, p.summary, report.at)}`,
          ),
          vi ? 'Theo đơn vị chủ trì:' : 'By lead unit:',
          ...report.byLeadUnit.map(
            (u) => `  ${u.unit.name} (${u.unit.code}): ${summarySentence(lang, u.summary, report.at)}`,
          ),
          `${vi ? 'Quá hạn' : 'Overdue'} (${report.overdue.length}):`,
          ...report.overdue.map((t) => `  ${taskLine(lang, t)}`),
          `${vi ? `Đến hạn trong ${report.horizonDays} ngày` : `Due within ${report.horizonDays} days`} (${report.atRisk.length}):`,
          ...report.atRisk.map((t) => `  ${taskLine(lang, t)}`),
        ].join('\n');
      });
    });

  tasks
    .command('list')
    .description('Liệt kê nhiệm vụ / list tasks')
    .option('--programme <code>', 'chương trình / programme')
    .option('--unit <code>', 'đơn vị chủ trì và cấp dưới / lead unit subtree')
    .addOption(new Option('--status <status>', 'trạng thái / status').choices(TASK_STATUSES))
    .addOption(new Option('--kind <kind>', 'loại / kind').choices(TASK_KINDS))
    .option('--overdue', 'chỉ nhiệm vụ quá hạn / overdue only')
    .option('--at <date>', 'ngày tham chiếu / reference date YYYY-MM-DD (today)')
    .action(
      async (options: {
        programme?: string;
        unit?: string;
        status?: TaskStatus;
        kind?: TaskKind;
        overdue?: boolean;
        at?: string;
      }) => {
        const result = await withWorkspace(runtime.globals(), 'tasks list', async (ctx) =>
          listTasks(ctx, await actor(ctx), options),
        );
        runtime.print(result, (lang) =>
          [
            ...result.tasks.map((t) => taskLine(lang, t)),
            lang === 'vi'
              ? `${result.tasks.length} nhiệm vụ (tính đến ${result.at})`
              : `${result.tasks.length} tasks (as of ${result.at})`,
          ].join('\n'),
        );
      },
    );

  tasks
    .command('show <code>')
    .description('Một nhiệm vụ với ghi chú tiến độ / one task with its notes')
    .option('--at <date>', 'ngày tham chiếu / reference date YYYY-MM-DD (today)')
    .action(async (code: string, options: { at?: string }) => {
      const task = await withWorkspace(runtime.globals(), 'tasks show', async (ctx) =>
        getTask(ctx, await actor(ctx), { code, at: options.at }),
      );
      runtime.print(task, (lang) => detailText(lang, task));
    });

  const add = tasks
    .command('add')
    .description('Thêm nhiệm vụ hoặc dự án / add a task or project')
    .requiredOption('--code <code>', 'mã nhiệm vụ / task code');
  addFieldOptions(add, false);
  add.action(async (options: FieldOptions & { code: string }) => {
    for (const [key, flag] of [
      ['programme', '--programme'],
      ['title', '--title'],
      ['leadUnit', '--lead-unit'],
    ] as const) {
      if (options[key] === undefined) {
        throw usageError({ vi: `Thiếu ${flag}.`, en: `${flag} is required.` });
      }
    }
    const status = options.status ?? (options.recurring ? 'recurring' : 'notStarted');
    const task = await withWorkspace(runtime.globals(), 'tasks add', async (ctx) =>
      createTask(ctx, await actor(ctx), {
        code: options.code,
        programme: options.programme as string,
        title: options.title as string,
        kind: options.kind,
        leadUnit: options.leadUnit as string,
        supportingUnits: options.supportingUnit,
        start: options.start ?? null,
        due: options.due ?? null,
        recurring: options.recurring ?? status === 'recurring',
        status,
        note: options.note ?? null,
        budgetPlanned: amount(options.budgetPlanned, 'budget-planned') ?? null,
        budgetDisbursed: amount(options.budgetDisbursed, 'budget-disbursed') ?? null,
      }),
    );
    runtime.print(task, (lang) => `${lang === 'vi' ? 'Đã thêm' : 'Added'}: ${detailText(lang, task)}`);
  });

  const update = tasks
    .command('update <code>')
    .description('Sửa nhiệm vụ / change a task')
    .option('--new-code <code>', 'mã mới / new code')
    .option('--version <n>', 'phiên bản đang sửa / the version you edit (refused when stale)');
  addFieldOptions(update, true);
  update.action(async (code: string, options: FieldOptions & { newCode?: string; version?: string }) => {
    const task = await withWorkspace(runtime.globals(), 'tasks update', async (ctx) =>
      updateTask(ctx, await actor(ctx), {
        code,
        version:
          options.version === undefined
            ? undefined
            : parseWholeNumber(options.version, '--version', { min: 1 }),
        newCode: options.newCode,
        programme: options.programme,
        title: options.title,
        kind: options.kind,
        leadUnit: options.leadUnit,
        supportingUnits: options.supportingUnit,
        start: optional(options.start),
        due: optional(options.due),
        recurring: options.recurring,
        status: options.status,
        note: optional(options.note),
        budgetPlanned: amount(options.budgetPlanned, 'budget-planned'),
        budgetDisbursed: amount(options.budgetDisbursed, 'budget-disbursed'),
      }),
    );
    runtime.print(task, (lang) => `${lang === 'vi' ? 'Đã sửa' : 'Updated'}: ${detailText(lang, task)}`);
  });

  tasks
    .command('delete <code>')
    .description('Xóa nhiệm vụ / delete a task')
    .action(async (code: string) => {
      const result = await withWorkspace(runtime.globals(), 'tasks delete', async (ctx) =>
        deleteTask(ctx, await actor(ctx), { code }),
      );
      runtime.print(result, (lang) => (lang === 'vi' ? `Đã xóa nhiệm vụ ${code}.` : `Deleted task ${code}.`));
    });

  tasks
    .command('note <code>')
    .description('Thêm ghi chú tiến độ / add a progress note')
    .requiredOption('--text <text>', 'nội dung / text')
    .option('--date <date>', 'ngày / date YYYY-MM-DD (today)')
    .action(async (code: string, options: { text: string; date?: string }) => {
      const task = await withWorkspace(runtime.globals(), 'tasks note', async (ctx) =>
        addTaskNote(ctx, await actor(ctx), { code, ...options }),
      );
      runtime.print(task, (lang) => detailText(lang, task));
    });

  tasks
    .command('link <code>')
    .description('Đính kèm tài liệu bằng liên kết / attach a document by link')
    .requiredOption('--url <url>', 'địa chỉ http(s) / http(s) address')
    .option('--title <text>', 'tên tài liệu / title')
    .action(async (code: string, options: { url: string; title?: string }) => {
      const task = await withWorkspace(runtime.globals(), 'tasks link', async (ctx) =>
        addTaskLink(ctx, await actor(ctx), { code, ...options }),
      );
      runtime.print(task, (lang) => detailText(lang, task));
    });

  tasks
    .command('approval <code>')
    .description("Chuyển trạng thái phê duyệt dự án / move a project's approval state")
    .addOption(
      new Option('--to <state>', 'trạng thái mới / new state').choices(APPROVAL_STATES).makeOptionMandatory(),
    )
    .option('--date <date>', 'ngày / date YYYY-MM-DD (today)')
    .action(async (code: string, options: { to: ProjectApprovalState; date?: string }) => {
      const task = await withWorkspace(runtime.globals(), 'tasks approval', async (ctx) =>
        changeProjectApproval(ctx, await actor(ctx), { code, ...options }),
      );
      runtime.print(task, (lang) => detailText(lang, task));
    });

  tasks
    .command('projects')
    .description('Dự án, tỷ lệ giải ngân / projects and disbursement rates')
    .option('--programme <code>', 'chương trình / programme')
    .option('--unit <code>', 'đơn vị chủ trì và cấp dưới / lead unit subtree')
    .option('--unapproved', 'chỉ dự án chưa được phê duyệt / not yet approved only')
    .action(async (options: { programme?: string; unit?: string; unapproved?: boolean }) => {
      const list = await withWorkspace(runtime.globals(), 'tasks projects', async (ctx) =>
        (options.unapproved ? listUnapprovedProjects : listProjects)(ctx, await actor(ctx), options),
      );
      runtime.print(list, (lang) =>
        [
          ...list.projects.map(
            (p) =>
              `${p.code.padEnd(18)} [${p.approval ? APPROVAL_LABELS[p.approval.state][lang] : ''}] ${p.title} — ${formatNumber(p.budget?.disbursed ?? 0, lang, 1)} / ${formatNumber(p.budget?.planned ?? 0, lang, 1)} VNĐ (${rateText(lang, p.budget?.rate ?? null)})`,
          ),
          lang === 'vi'
            ? `${list.totals.count} dự án; giải ngân ${formatNumber(list.totals.disbursed, lang, 1)} / ${formatNumber(list.totals.planned, lang, 1)} VNĐ (${rateText(lang, list.totals.rate)})`
            : `${list.totals.count} projects; disbursed ${formatNumber(list.totals.disbursed, lang, 1)} / ${formatNumber(list.totals.planned, lang, 1)} VND (${rateText(lang, list.totals.rate)})`,
        ].join('\n'),
      );
    });
};
