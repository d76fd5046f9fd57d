import { Button, Space } from 'antd';
import { PROJECT_APPROVAL_TRANSITIONS } from '../../../src/domain/project.js';
import type { TaskView } from '../../../src/contract/tasks.js';
import { useI18n } from '../i18n/i18n';
import { dateText } from './task-parts';

/** A project's approval state in words, with the day it was reached. */
export function ApprovalText({ task }: { task: TaskView }) {
  const { t } = useI18n();
  const approval = task.approval;
  if (!approval) return null;
  const on =
    approval.state === 'approved'
      ? approval.approvedOn
      : approval.state === 'rejected'
        ? approval.rejectedOn
        : approval.state === 'submitted'
          ? approval.submittedOn
          : null;
  const state = t.tasks.projects.states[approval.state];
  return <>{on ? t.tasks.projects.stateOn(state, dateText(on, '')) : state}</>;
}

/** The approval steps a project may take from its state (approval is final), as buttons. */
export function ApprovalActions({
  task,
  busy,
  act,
}: {
  task: TaskView;
  busy: boolean;
  act: (to: keyof typeof PROJECT_APPROVAL_TRANSITIONS) => void;
}) {
  const { t } = useI18n();
  if (!task.approval) return null;
  const steps = PROJECT_APPROVAL_TRANSITIONS[task.approval.state];
  if (steps.length === 0) return null;
  return (
    <Space wrap size={4}>
      {steps.map((to) => (
        <Button
          key={to}
          size="small"
          danger={to === 'rejected'}
          type={to === 'approved' ? 'primary' : 'default'}
          disabled={busy}
          aria-label={t.tasks.projects.toLabel(t.tasks.projects.to[to], task.code)}
          onClick={() => act(to)}
        >
          {t.tasks.projects.to[to]}
        </Button>
      ))}
    </Space>
  );
}
