import { Table } from 'antd';
import type { TaskView } from '../../../src/contract/tasks.js';
import { useI18n } from '../i18n/i18n';
import { DueText, OverdueTag, StatusTag, TaskLink } from './task-parts';

/** The list: code and title (to the task's page), programme, lead unit, due date, status and overdue. */
export function TaskTable({ tasks }: { tasks: readonly TaskView[] }) {
  const { t } = useI18n();
  return (
    <Table<TaskView>
      rowKey="code"
      size="small"
      data-testid="task-table"
      dataSource={[...tasks]}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          key: 'task',
          title: t.tasks.taskTitle,
          render: (_, task) => <TaskLink task={task} />,
          sorter: (a, b) => a.code.localeCompare(b.code),
        },
        { key: 'programme', title: t.tasks.programme, dataIndex: 'programme' },
        {
          key: 'lead',
          title: t.tasks.leadUnit,
          render: (_, task) => task.leadUnit.name,
          sorter: (a, b) => a.leadUnit.name.localeCompare(b.leadUnit.name, 'vi'),
        },
        {
          key: 'due',
          title: t.tasks.due,
          render: (_, task) => <DueText task={task} />,
          sorter: (a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'),
        },
        {
          key: 'status',
          title: t.tasks.status,
          render: (_, task) => (
            <>
              <StatusTag status={task.status} /> <OverdueTag task={task} />
            </>
          ),
        },
      ]}
    />
  );
}
