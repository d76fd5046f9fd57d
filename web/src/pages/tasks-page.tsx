import { Alert, App, Button, Checkbox, Input, Modal, Radio, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { TASK_STATUSES, type TaskStatus } from '../../../src/domain/task-status.js';
import type { TaskView } from '../../../src/contract/tasks.js';
import { ApiError } from '../api/client';
import { useSession } from '../api/session';
import {
  tasksExportHref,
  useCreateTask,
  useMoveTask,
  useTasks,
  useTaskSummary,
  type TaskFilters,
} from '../api/tasks';
import { formatCount } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { useSetAddressParams } from '../shell/address-params';
import { mayAnywhere } from '../shell/permissions';
import { QueryError } from '../shell/query-error';
import { Loading } from '../shell/route-page';
import { TaskBoard } from '../tasks/task-board';
import { EMPTY_TASK, TaskForm, taskInputOf } from '../tasks/task-form';
import { dateText, programmeLabel, summarySentence } from '../tasks/task-parts';
import { TaskTable } from '../tasks/task-table';
import '../tasks/tasks.css';
import { UploadPanel } from '../upload/upload-panel';
import '../upload/upload.css';

const isStatus = (s: string | null): s is TaskStatus => TASK_STATUSES.some((x) => x === s);

/** Distinct code/name pairs, by code. */
function distinct(pairs: readonly { code: string; name: string }[]) {
  const byCode = new Map(pairs.map((p) => [p.code, p]));
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * Tasks and projects (docs/web.md, "Tasks and projects"): the counts in the committee's words, the filters (in the
 * address), the board by status or the list, a new task, and the download of the tasks in the import format with
 * the upload of a changed file. Those who manage plans move tasks on the board; the API checks every change.
 */
export default function TasksPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const session = useSession();
  const mayManage = mayAnywhere(session.data, 'plans:manage');

  const statusText = search.get('status');
  const filters: TaskFilters = {
    ...(search.get('programme') ? { programme: search.get('programme') ?? '' } : {}),
    ...(search.get('unit') ? { unit: search.get('unit') ?? '' } : {}),
    ...(isStatus(statusText) ? { status: statusText } : {}),
    ...(search.get('overdue') === 'true' ? { overdue: true } : {}),
  };
  const dueBy = search.get('dueBy') ?? '';
  const view = search.get('view') === 'list' ? 'list' : 'board';

  const all = useTasks({});
  const list = useTasks(filters);
  const summary = useTaskSummary({ programme: filters.programme, unit: filters.unit });
  const move = useMoveTask();
  const create = useCreateTask();
  const [moveError, setMoveError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const programmes = useMemo(
    () => distinct((all.data?.tasks ?? []).map((x) => ({ code: x.programme, name: x.programmeName }))),
    [all.data],
  );
  const units = useMemo(() => distinct((all.data?.tasks ?? []).map((x) => x.leadUnit)), [all.data]);
  const shown = (list.data?.tasks ?? []).filter((x) => dueBy === '' || (x.due !== null && x.due <= dueBy));

  const setParams = useSetAddressParams();
  const change = (patch: Record<string, string | null>) => setParams(patch, { replace: true });

  const moveTask = (task: TaskView, to: TaskStatus) => {
    setMoveError(null);
    move.mutate(
      { code: task.code, status: to, version: task.version },
      {
        onSuccess: () => void message.success(t.tasks.moved(task.code, t.tasks.statuses[to])),
        onError: (error) =>
          setMoveError(
            error instanceof ApiError ? (error.messageIn(lang) ?? t.errors.unexpected) : t.errors.unexpected,
          ),
      },
    );
  };

  return (
    <section aria-labelledby="tasks-title" className="tasks">
      <header className="tasks-head">
        <Typography.Title level={1} id="tasks-title">
          {t.tasks.title}
        </Typography.Title>
        <Typography.Paragraph>{t.tasks.intro}</Typography.Paragraph>
        {summary.data && (
          <p className="tasks-summary" data-testid="tasks-summary">
            {summarySentence(summary.data, t, lang)}.{' '}
            {list.data && <span className="tasks-at">{t.tasks.summaryAt(dateText(list.data.at, ''))}</span>}
          </p>
        )}
        <nav className="dashboard-links" aria-label={t.tasks.title}>
          <Link to="/projects">{t.tasks.toProjects}</Link>
        </nav>
      </header>
      {!mayManage && session.data && <Alert type="info" showIcon title={t.tasks.readOnly} />}
      <div className="tasks-toolbar" role="group" aria-label={t.tasks.filters}>
        <label className="picker">
          <span>{t.tasks.programme}</span>
          <Select
            aria-label={t.tasks.programme}
            value={filters.programme ?? ''}
            onChange={(v: string) => change({ programme: v })}
            options={[
              { value: '', label: t.tasks.all },
              ...programmes.map((p) => ({ value: p.code, label: programmeLabel(p.code, p.name) })),
            ]}
            popupMatchSelectWidth={false}
          />
        </label>
        <label className="picker">
          <span>{t.tasks.leadUnit}</span>
          <Select
            aria-label={t.tasks.leadUnit}
            value={filters.unit ?? ''}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(v: string) => change({ unit: v })}
            options={[
              { value: '', label: t.tasks.all },
              ...units.map((u) => ({ value: u.code, label: u.name })),
            ]}
            popupMatchSelectWidth={false}
          />
        </label>
        <label className="picker">
          <span>{t.tasks.status}</span>
          <Select
            aria-label={t.tasks.status}
            value={filters.status ?? ''}
            onChange={(v: string) => change({ status: v })}
            options={[
              { value: '', label: t.tasks.all },
              ...TASK_STATUSES.map((s) => ({ value: s, label: t.tasks.statuses[s] })),
            ]}
            popupMatchSelectWidth={false}
          />
        </label>
        <label className="picker">
          <span>{t.tasks.dueBy}</span>
          <Input
            type="date"
            aria-label={t.tasks.dueBy}
            value={dueBy}
            onChange={(e) => change({ dueBy: e.target.value })}
          />
        </label>
        <Checkbox
          checked={filters.overdue === true}
          onChange={(e) => change({ overdue: e.target.checked ? 'true' : null })}
        >
          {t.tasks.onlyOverdue}
        </Checkbox>
      </div>
      <div className="tasks-toolbar">
        <Radio.Group
          aria-label={t.tasks.view}
          optionType="button"
          value={view}
          onChange={(e) => change({ view: e.target.value === 'list' ? 'list' : null })}
          options={[
            { value: 'board', label: t.tasks.board },
            { value: 'list', label: t.tasks.list },
          ]}
        />
        {list.data && <span data-testid="tasks-count">{t.tasks.count(formatCount(shown.length, lang))}</span>}
        {mayManage && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="task-new">
            {t.tasks.newTask}
          </Button>
        )}
      </div>
      {moveError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={moveError}
          closable={{ onClose: () => setMoveError(null) }}
          data-testid="task-move-error"
        />
      )}
      {list.isPending && <Loading />}
      {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
      {list.data &&
        (shown.length === 0 ? (
          <Alert type="info" showIcon title={t.tasks.none} />
        ) : view === 'board' ? (
          <TaskBoard
            tasks={shown}
            mayMove={mayManage}
            moving={move.isPending ? (move.variables?.code ?? null) : null}
            move={moveTask}
          />
        ) : (
          <TaskTable tasks={shown} />
        ))}
      <section className="task-section" aria-labelledby="tasks-excel">
        <h2 id="tasks-excel">{t.tasks.exportImport}</h2>
        <p>{t.tasks.exportIntro}</p>
        <p>
          <Button href={tasksExportHref(filters)} download data-testid="tasks-export">
            {t.tasks.export}
          </Button>
        </p>
        {mayManage && <UploadPanel />}
      </section>
      <Modal
        open={creating}
        title={t.tasks.newTask}
        onCancel={() => setCreating(false)}
        footer={null}
        destroyOnHidden
        width={720}
      >
        <TaskForm
          initial={{ ...EMPTY_TASK, programme: filters.programme ?? '' }}
          creating
          submitLabel={t.tasks.create}
          units={units}
          programmes={programmes}
          submit={async (values) => {
            const task = await create.mutateAsync({ ...taskInputOf(values), code: values.code.trim() });
            setCreating(false);
            void message.success(t.tasks.created(task.code));
            void navigate(`/tasks/${encodeURIComponent(task.code)}`);
          }}
        />
      </Modal>
    </section>
  );
}
