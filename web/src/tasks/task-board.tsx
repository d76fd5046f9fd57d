import { Select } from 'antd';
import { TASK_STATUSES, type TaskStatus } from '../../../src/domain/task-status.js';
import type { TaskView } from '../../../src/contract/tasks.js';
import { formatCount } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { DueText, OverdueTag, TaskLink } from './task-parts';

/**
 * The board: one column per status (not started, in progress, recurring, completed), a card per task with its lead
 * unit, due date and the overdue flag. Where the reader may manage tasks, each card has a «move to» picker (a
 * keyboard-usable select rather than dragging); `move` sends the change.
 */
export function TaskBoard({
  tasks,
  mayMove,
  moving,
  move,
}: {
  tasks: readonly TaskView[];
  mayMove: boolean;
  moving: string | null;
  move: (task: TaskView, to: TaskStatus) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <div className="task-board" data-testid="task-board">
      {TASK_STATUSES.map((status) => {
        const inColumn = tasks.filter((task) => task.status === status);
        const headingId = `task-column-${status}`;
        return (
          <section key={status} className="task-column" aria-labelledby={headingId} data-status={status}>
            <h2 id={headingId} className="task-column-title">
              {t.tasks.column(t.tasks.statuses[status], formatCount(inColumn.length, lang))}
            </h2>
            <ul className="task-cards">
              {inColumn.map((task) => (
                <li
                  key={task.code}
                  className={`task-card${task.overdue ? ' task-card-overdue' : ''}`}
                  data-testid="task-card"
                  data-code={task.code}
                >
                  <TaskLink task={task} />
                  <div className="task-card-meta">
                    <span>{task.leadUnit.name}</span>
                    <span>
                      {t.tasks.due}: <DueText task={task} />
                    </span>
                    <OverdueTag task={task} />
                  </div>
                  {mayMove && (
                    <Select
                      size="small"
                      className="task-move"
                      aria-label={t.tasks.moveLabel(task.code)}
                      placeholder={t.tasks.moveTo}
                      value={null}
                      loading={moving === task.code}
                      disabled={moving === task.code}
                      onChange={(to: TaskStatus) => move(task, to)}
                      options={TASK_STATUSES.filter((s) => s !== status).map((s) => ({
                        value: s,
                        label: t.tasks.statuses[s],
                      }))}
                      popupMatchSelectWidth={false}
                    />
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
