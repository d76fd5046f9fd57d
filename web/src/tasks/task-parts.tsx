import { Tag } from 'antd';
import { Link } from 'react-router';
import { type TaskStatus, type TaskSummary } from '../../../src/domain/task-status.js';
import type { TaskView } from '../../../src/contract/tasks.js';
import { formatCount, formatDate } from '../format/format';
import { useI18n } from '../i18n/i18n';

/** The status colours of the tags: dark enough for small text (the library's light presets are too faint). */
const STATUS_COLOURS: Record<TaskStatus, string> = {
  notStarted: '#434343',
  inProgress: '#003eb3',
  recurring: '#00474f',
  completed: '#135200',
};

export function StatusTag({ status }: { status: TaskStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOURS[status]}>{t.tasks.statuses[status]}</Tag>;
}

/** «Quá hạn», in words and colour, for a task overdue at the list's date. */
export function OverdueTag({ task }: { task: TaskView }) {
  const { t } = useI18n();
  if (!task.overdue) return null;
  return (
    // Solid dark red: the light error tag's red text is too faint on its pink for small text.
    <Tag color="#a8071a" data-testid="overdue-tag">
      {t.tasks.overdue}
    </Tag>
  );
}

/** A calendar date `YYYY-MM-DD` as dd/mm/yyyy, or «—». */
export function dateText(date: string | null, empty: string): string {
  return date ? formatDate(`${date}T12:00:00+07:00`) : empty;
}

/** The due date, or «Thường xuyên» for a recurring task without one. */
export function DueText({ task }: { task: TaskView }) {
  const { t } = useI18n();
  if (task.due) return <>{dateText(task.due, t.tasks.noDue)}</>;
  return <>{task.recurring ? t.tasks.recurringShort : t.tasks.noDue}</>;
}

/** The order of the committee's sentence: completed, recurring, in progress, not started, then overdue. */
const SENTENCE_ORDER = ['completed', 'recurring', 'inProgress', 'notStarted', 'overdue'] as const;

/**
 * The counts in the committee's words: «38 nhiệm vụ: 1 hoàn thành, 31 thường xuyên, 6 đang thực hiện» (a status
 * with none is left out; overdue overlaps the others and is named last).
 */
export function summarySentence(summary: TaskSummary, t: ReturnType<typeof useI18n>['t'], lang: 'vi' | 'en') {
  const parts = SENTENCE_ORDER.filter((s) => summary.byStatus[s] > 0).map((s) =>
    t.tasks.summaryParts[s](formatCount(summary.byStatus[s], lang)),
  );
  return t.tasks.summary(formatCount(summary.total, lang), parts);
}

/** A task's code and title, linking to its page. */
export function TaskLink({ task }: { task: TaskView }) {
  return (
    <Link to={`/tasks/${encodeURIComponent(task.code)}`} className="task-link">
      <span className="task-code">{task.code}</span> {task.title}
    </Link>
  );
}

/** A programme as users know it: its code, and its name when it has one of its own («DA06 — Đề án 06»). */
export function programmeLabel(code: string, name: string): string {
  return name && name !== code ? `${code} — ${name}` : code;
}
