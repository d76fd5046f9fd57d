import { Alert, App, Button, Popconfirm, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { TaskDetail } from '../../../src/contract/tasks.js';
import type { ProjectApprovalState } from '../../../src/domain/project.js';
import { ApiError } from '../api/client';
import { useSession } from '../api/session';
import { useDeleteTask, useProjectApproval, useTask, useTasks, useUpdateTask } from '../api/tasks';
import { formatCount, formatFigure, formatRatio, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { mayAnywhere } from '../shell/permissions';
import { QueryError } from '../shell/query-error';
import { Loading } from '../shell/route-page';
import { ApprovalActions, ApprovalText } from '../tasks/approval-actions';
import { formValuesOf, TaskForm, taskInputOf } from '../tasks/task-form';
import { TaskLinks, TaskNotes } from '../tasks/task-notes';
import { dateText, DueText, OverdueTag, programmeLabel, StatusTag } from '../tasks/task-parts';
import '../tasks/tasks.css';

/** The message of a refusal in the reader's language. */
function refusalText(error: unknown, lang: 'vi' | 'en', fallback: string): string {
  return error instanceof ApiError ? (error.messageIn(lang) ?? fallback) : fallback;
}

/** What the task is: its programme, units, dates, status, note, a project's budget and approval, who changed it. */
function TaskFacts({ task }: { task: TaskDetail }) {
  const { t, lang } = useI18n();
  return (
    <dl className="task-facts" data-testid="task-facts">
      <dt>{t.tasks.programme}</dt>
      <dd>{programmeLabel(task.programme, task.programmeName)}</dd>
      <dt>{t.tasks.leadUnit}</dt>
      <dd>{task.leadUnit.name}</dd>
      <dt>{t.tasks.supportingUnits}</dt>
      <dd>{task.supportingUnits.length > 0 ? task.supportingUnits.map((u) => u.name).join(', ') : '—'}</dd>
      <dt>{t.tasks.start}</dt>
      <dd>{dateText(task.start, t.tasks.noDue)}</dd>
      <dt>{t.tasks.due}</dt>
      <dd>
        <DueText task={task} />
      </dd>
      <dt>{t.tasks.status}</dt>
      <dd data-testid="task-status">
        <StatusTag status={task.status} /> <OverdueTag task={task} />
      </dd>
      <dt>{t.tasks.note}</dt>
      <dd>{task.note ?? '—'}</dd>
      {task.budget && (
        <>
          <dt>{t.tasks.projects.planned}</dt>
          <dd>{formatFigure(task.budget.planned, lang)}</dd>
          <dt>{t.tasks.projects.disbursed}</dt>
          <dd>
            {formatFigure(task.budget.disbursed, lang)}
            {task.budget.rate !== null && ` (${formatRatio(task.budget.rate, lang)})`}
          </dd>
          <dt>{t.tasks.projects.approval}</dt>
          <dd>
            <ApprovalText task={task} />
          </dd>
        </>
      )}
    </dl>
  );
}

/**
 * One task (docs/web.md, "Tasks and projects"): what it is, its edit form for those who manage plans (sent with
 * the version it shows: when someone changed it first, the refusal is shown with the newer task to load), its
 * progress notes and links, a project's approval steps, and its deletion.
 */
export default function TaskPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const code = useParams().code ?? '';
  const session = useSession();
  const mayManage = mayAnywhere(session.data, 'plans:manage');
  const mayReport = mayAnywhere(session.data, 'values:write');
  const task = useTask(code);
  const all = useTasks({});
  const update = useUpdateTask(code);
  const remove = useDeleteTask(code);
  const approval = useProjectApproval();
  // The version the edit form shows: kept while a newer one is only offered, after a stale refusal.
  const [base, setBase] = useState<TaskDetail | null>(null);
  const [stale, setStale] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  useEffect(() => {
    if (task.data && (base === null || base.code !== task.data.code)) setBase(task.data);
  }, [task.data, base]);

  const units = useMemo(() => {
    const byCode = new Map<string, { code: string; name: string }>();
    for (const x of all.data?.tasks ?? []) {
      byCode.set(x.leadUnit.code, x.leadUnit);
      for (const s of x.supportingUnits) byCode.set(s.code, s);
    }
    return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
  }, [all.data]);
  const programmes = useMemo(() => {
    const byCode = new Map((all.data?.tasks ?? []).map((x) => [x.programme, x.programmeName]));
    return [...byCode].map(([c, name]) => ({ code: c, name }));
  }, [all.data]);

  if (task.isPending) return <Loading />;
  if (task.isError) {
    const refused = task.error instanceof ApiError && [403, 404].includes(task.error.status);
    return (
      <section className="tasks">
        <Typography.Title level={1}>{t.tasks.title}</Typography.Title>
        {refused ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={refusalText(task.error, lang, t.tasks.notFound(code))}
          />
        ) : (
          <QueryError error={task.error} onRetry={() => void task.refetch()} />
        )}
        <p>
          <Link to="/tasks">{t.tasks.back}</Link>
        </p>
      </section>
    );
  }
  const current = task.data;
  const shown = base ?? current;

  const save = async (values: Parameters<typeof taskInputOf>[0]) => {
    try {
      const saved = await update.mutateAsync({ ...taskInputOf(values), version: shown.version });
      setBase(saved);
      setStale(false);
      void message.success(t.tasks.saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setStale(true);
        void task.refetch();
        return;
      }
      throw error;
    }
  };

  const act = (to: ProjectApprovalState) => {
    setActionError(null);
    approval.mutate(
      { code: current.code, to, version: current.version },
      {
        onSuccess: (saved) => {
          setBase(saved);
          void message.success(t.tasks.projects.moved(saved.code, t.tasks.projects.states[to]));
        },
        onError: (error) => setActionError(refusalText(error, lang, t.errors.unexpected)),
      },
    );
  };

  const newer = stale && current.version !== shown.version ? current : null;

  return (
    <section aria-labelledby="task-title" className="tasks task-page">
      <p>
        <Link to="/tasks">{t.tasks.back}</Link>
      </p>
      <header className="tasks-head">
        <Typography.Title level={1} id="task-title">
          <span className="task-code">{current.code}</span> {current.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t.tasks.kinds[current.kind]} ·{' '}
          {t.tasks.updated(current.updatedBy ?? '—', formatTime(current.updatedAt))} ·{' '}
          {t.tasks.version(formatCount(current.version, lang))}
        </Typography.Paragraph>
      </header>
      {actionError && (
        <Alert type="error" showIcon role="alert" title={actionError} data-testid="task-action-error" />
      )}
      <TaskFacts task={current} />
      {mayManage && current.approval && (
        <div className="task-section">
          <ApprovalActions task={current} busy={approval.isPending} act={act} />
        </div>
      )}
      {mayManage ? (
        <section className="task-section" aria-labelledby="task-edit">
          <h2 id="task-edit">{t.tasks.edit}</h2>
          <TaskForm
            formKey={`${shown.code}@${shown.version}`}
            initial={formValuesOf(shown)}
            creating={false}
            submitLabel={t.tasks.save}
            units={units}
            programmes={programmes}
            submit={save}
            extra={
              stale && (
                <Alert
                  type="warning"
                  showIcon
                  role="alert"
                  data-testid="task-stale"
                  title={t.tasks.stale}
                  description={
                    newer &&
                    t.tasks.staleNewer(
                      t.tasks.statuses[newer.status],
                      newer.due ? dateText(newer.due, '') : t.tasks.noDue,
                    )
                  }
                  action={
                    <Button
                      size="small"
                      disabled={!newer}
                      onClick={() => {
                        setBase(current);
                        setStale(false);
                      }}
                    >
                      {t.tasks.loadNewer}
                    </Button>
                  }
                />
              )
            }
          />
        </section>
      ) : (
        <Alert type="info" showIcon title={t.tasks.readOnly} className="task-section" />
      )}
      <TaskNotes task={current} mayWrite={mayReport} />
      <TaskLinks task={current} mayWrite={mayReport} />
      {mayManage && (
        <div className="task-section">
          <Space>
            <Popconfirm
              title={t.tasks.deleteConfirm(current.code)}
              okText={t.tasks.deleteYes}
              cancelText={t.tasks.deleteNo}
              okButtonProps={{ danger: true, className: 'task-danger-ok' }}
              onConfirm={() =>
                remove.mutate(undefined, {
                  onSuccess: () => {
                    void message.success(t.tasks.deleted(current.code));
                    void navigate('/tasks');
                  },
                  onError: (error) => setActionError(refusalText(error, lang, t.errors.unexpected)),
                })
              }
            >
              <Button danger loading={remove.isPending}>
                {t.tasks.delete}
              </Button>
            </Popconfirm>
          </Space>
        </div>
      )}
    </section>
  );
}
