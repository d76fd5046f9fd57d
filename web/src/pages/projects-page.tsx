import { Alert, App, Checkbox, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TaskView } from '../../../src/contract/tasks.js';
import type { ProjectApprovalState } from '../../../src/domain/project.js';
import { ApiError } from '../api/client';
import { useSession } from '../api/session';
import { useProjectApproval, useProjects } from '../api/tasks';
import { formatCount, formatFigure, formatRatio } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { mayAnywhere } from '../shell/permissions';
import { QueryError } from '../shell/query-error';
import { Loading } from '../shell/route-page';
import { ApprovalActions, ApprovalText } from '../tasks/approval-actions';
import { TaskLink } from '../tasks/task-parts';
import '../tasks/tasks.css';

/**
 * The projects (docs/web.md, "Tasks and projects"): each one's budget, disbursed amount, disbursement rate and
 * approval state, the totals, only those not yet approved if asked, and the approval steps for those who manage
 * plans (the API checks the project's lead unit).
 */
export default function ProjectsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const mayManage = mayAnywhere(session.data, 'plans:manage');
  const [unapproved, setUnapproved] = useState(false);
  const projects = useProjects({}, unapproved);
  const approval = useProjectApproval();
  const [error, setError] = useState<string | null>(null);

  const act = (project: TaskView, to: ProjectApprovalState) => {
    setError(null);
    approval.mutate(
      { code: project.code, to, version: project.version },
      {
        onSuccess: (saved) =>
          void message.success(t.tasks.projects.moved(saved.code, t.tasks.projects.states[to])),
        onError: (e) =>
          setError(e instanceof ApiError ? (e.messageIn(lang) ?? t.errors.unexpected) : t.errors.unexpected),
      },
    );
  };

  const totals = projects.data?.totals;
  return (
    <section aria-labelledby="projects-title" className="tasks">
      <header className="tasks-head">
        <Typography.Title level={1} id="projects-title">
          {t.tasks.projects.title}
        </Typography.Title>
        <Typography.Paragraph>{t.tasks.projects.intro}</Typography.Paragraph>
        {totals && (
          <p className="tasks-summary" data-testid="projects-totals">
            {t.tasks.projects.totals(
              formatCount(totals.count, lang),
              formatFigure(totals.planned, lang),
              formatFigure(totals.disbursed, lang),
              totals.rate === null ? '—' : formatRatio(totals.rate, lang),
            )}
          </p>
        )}
        <nav className="dashboard-links" aria-label={t.tasks.projects.title}>
          <Link to="/tasks">{t.tasks.toTasks}</Link>
        </nav>
      </header>
      <div className="tasks-toolbar">
        <Checkbox checked={unapproved} onChange={(e) => setUnapproved(e.target.checked)}>
          {t.tasks.projects.onlyUnapproved}
        </Checkbox>
      </div>
      {error && <Alert type="error" showIcon role="alert" title={error} data-testid="project-error" />}
      {projects.isPending && <Loading />}
      {projects.isError && <QueryError error={projects.error} onRetry={() => void projects.refetch()} />}
      {projects.data && (
        <Table<TaskView>
          rowKey="code"
          size="small"
          data-testid="projects-table"
          dataSource={projects.data.projects}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t.tasks.projects.none }}
          columns={[
            { key: 'project', title: t.tasks.taskTitle, render: (_, p) => <TaskLink task={p} /> },
            { key: 'lead', title: t.tasks.leadUnit, render: (_, p) => p.leadUnit.name },
            {
              key: 'planned',
              title: t.tasks.projects.planned,
              align: 'right',
              render: (_, p) => (p.budget ? formatFigure(p.budget.planned, lang) : '—'),
            },
            {
              key: 'disbursed',
              title: t.tasks.projects.disbursed,
              align: 'right',
              render: (_, p) => (p.budget ? formatFigure(p.budget.disbursed, lang) : '—'),
            },
            {
              key: 'rate',
              title: t.tasks.projects.rate,
              align: 'right',
              render: (_, p) =>
                p.budget?.rate == null ? (
                  '—'
                ) : (
                  <>
                    {formatRatio(p.budget.rate, lang)}{' '}
                    {p.budget.overDisbursed && <Tag color="warning">{t.tasks.projects.overDisbursed}</Tag>}
                  </>
                ),
            },
            {
              key: 'approval',
              title: t.tasks.projects.approval,
              render: (_, p) => <ApprovalText task={p} />,
            },
            ...(mayManage
              ? [
                  {
                    key: 'actions',
                    title: t.tasks.projects.actions,
                    render: (_: unknown, p: TaskView) => (
                      <ApprovalActions task={p} busy={approval.isPending} act={(to) => act(p, to)} />
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </section>
  );
}
