import { describe, it, expect } from 'vitest';
import type { Task } from './task-status.js';
import {
  STATUS_PHRASES,
  atRiskTasks,
  groupTasksByLeadUnit,
  groupTasksByProgramme,
  isIsoDate,
  isOverdue,
  summarizeTasks,
  validateTask,
} from './task-status.js';

const base: Task = {
  code: 'T1',
  programme: 'DA06',
  leadUnitCode: 'CA',
  status: 'inProgress',
  recurring: false,
  start: '2024-01-01',
  due: '2024-06-30',
  kind: 'task',
};
const task = (over: Partial<Task>): Task => ({ ...base, ...over });
const recurring = (over: Partial<Task> = {}): Task =>
  task({ status: 'recurring', recurring: true, due: null, ...over });

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-1-01', false],
    ['2024-01-01T00:00', false],
    ['', false],
    ['2024-12-31', true],
  ])('%s → %s', (s, expected) => {
    expect(isIsoDate(s)).toBe(expected);
  });
});

describe('isOverdue', () => {
  it.each<[string, Task, string, boolean]>([
    ['due yesterday, in progress', task({ due: '2024-06-30' }), '2024-07-01', true],
    ['due yesterday, not started', task({ status: 'notStarted', due: '2024-06-30' }), '2024-07-01', true],
    ['due today is not overdue', task({ due: '2024-07-01' }), '2024-07-01', false],
    ['due tomorrow', task({ due: '2024-07-02' }), '2024-07-01', false],
    ['completed past due', task({ status: 'completed', due: '2024-01-01' }), '2024-07-01', false],
    ['recurring never', recurring(), '2030-01-01', false],
    [
      'recurring flag with a stray due date',
      task({ recurring: true, due: '2024-01-01' }),
      '2024-07-01',
      false,
    ],
    [
      'recurring status with a stray due date',
      task({ status: 'recurring', due: '2024-01-01' }),
      '2024-07-01',
      false,
    ],
    ['no due date', task({ due: null }), '2030-01-01', false],
    ['due absent', task({ due: undefined }), '2030-01-01', false],
    ['across a year end', task({ due: '2023-12-31' }), '2024-01-01', true],
  ])('%s', (_name, t, ref, expected) => {
    expect(isOverdue(t, ref)).toBe(expected);
  });
});

describe('validateTask', () => {
  it.each<[string, Task]>([
    ['a dated task', base],
    ['a recurring task', recurring()],
    [
      'a completed task due in the past',
      task({ status: 'completed', due: '2020-01-01', start: '2019-01-01' }),
    ],
    ['a recurring task completed', recurring({ status: 'completed' })],
    ['a recurring task not started', recurring({ status: 'notStarted' })],
    ['a task without dates', task({ start: undefined, due: undefined })],
    ['due on the start day', task({ start: '2024-03-01', due: '2024-03-01' })],
    ['a project', task({ kind: 'project' })],
  ])('accepts %s', (_name, t) => {
    expect(validateTask(t)).toEqual({ ok: true, value: t });
  });

  it.each<[string, Task, [string, string][]]>([
    ['empty code', task({ code: ' ' }), [['code', 'required']]],
    ['empty programme', task({ programme: '' }), [['programme', 'required']]],
    ['empty lead unit', task({ leadUnitCode: '' }), [['leadUnitCode', 'required']]],
    ['bad start', task({ start: '2024-02-30' }), [['start', 'badDate']]],
    ['bad due', task({ due: '30/06/2024' }), [['due', 'badDate']]],
    ['due before start', task({ start: '2024-07-01', due: '2024-06-30' }), [['due', 'dueBeforeStart']]],
    [
      'status recurring, flag false',
      task({ status: 'recurring', due: null }),
      [['recurring', 'recurringStatusMismatch']],
    ],
    ['recurring with a due date', recurring({ due: '2024-12-31' }), [['due', 'recurringWithDue']]],
    ['recurring in progress', recurring({ status: 'inProgress' }), [['status', 'recurringInProgress']]],
    [
      'every problem at once',
      task({ code: '', programme: '', leadUnitCode: '', status: 'recurring', start: 'x', due: '2024-01-01' }),
      [
        ['code', 'required'],
        ['programme', 'required'],
        ['leadUnitCode', 'required'],
        ['start', 'badDate'],
        ['recurring', 'recurringStatusMismatch'],
      ],
    ],
    [
      'recurring flag with due and in progress',
      task({ recurring: true, due: '2024-01-01', start: '2024-02-01' }),
      [
        ['due', 'dueBeforeStart'],
        ['due', 'recurringWithDue'],
        ['status', 'recurringInProgress'],
      ],
    ],
  ])('refuses %s', (_name, t, expected) => {
    const r = validateTask(t);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((p) => [p.field, p.code])).toEqual(expected);
    for (const p of r.error) {
      expect(p.message_vi).toContain(p.field);
      expect(p.message_en).toContain(p.field);
      expect(p.message_vi).not.toEqual(p.message_en);
    }
  });
});

describe('summarizeTasks', () => {
  const de06: Task[] = [
    task({ code: 'DA06-01', status: 'completed', due: '2024-03-31' }),
    ...Array.from({ length: 31 }, (_, i) => recurring({ code: `DA06-R${String(i + 1).padStart(2, '0')}` })),
    ...Array.from({ length: 6 }, (_, i) => task({ code: `DA06-P${i + 1}`, due: '2024-12-31' })),
  ];

  it('reproduces Đề án 06 in 2024: 38 tasks, 1 completed, 31 recurring, 6 in progress', () => {
    expect(summarizeTasks(de06, '2024-07-18')).toEqual({
      total: 38,
      byStatus: { completed: 1, recurring: 31, inProgress: 6, notStarted: 0, overdue: 0 },
    });
  });

  it('keeps the key order of `dxmon tasks summary`', () => {
    expect(Object.keys(summarizeTasks([], '2024-01-01').byStatus)).toEqual([
      'completed',
      'recurring',
      'inProgress',
      'notStarted',
      'overdue',
    ]);
  });

  it.each<[string, string, number, number]>([
    ['before the due date nothing is overdue', '2024-12-31', 6, 0],
    ['after it the six in progress are also overdue', '2025-01-01', 6, 6],
  ])('%s', (_name, ref, inProgress, overdue) => {
    const s = summarizeTasks(de06, ref);
    expect(s.total).toBe(38);
    expect(s.byStatus.inProgress).toBe(inProgress);
    expect(s.byStatus.overdue).toBe(overdue);
    expect(s.byStatus.completed).toBe(1);
  });

  it('counts not started tasks and overdue ones among them', () => {
    const s = summarizeTasks(
      [task({ status: 'notStarted', due: '2024-01-01' }), task({ status: 'notStarted', due: null })],
      '2024-02-01',
    );
    expect(s).toEqual({
      total: 2,
      byStatus: { completed: 0, recurring: 0, inProgress: 0, notStarted: 2, overdue: 1 },
    });
  });
});

describe('grouping', () => {
  const tasks = [
    task({ code: 'a', programme: 'KH-CDS', leadUnitCode: 'STTTT' }),
    task({ code: 'b', programme: 'DA06', leadUnitCode: 'CA' }),
    task({ code: 'c', programme: 'KH-CDS', leadUnitCode: 'CA' }),
  ];
  it.each([
    [
      'programme',
      groupTasksByProgramme,
      [
        ['DA06', ['b']],
        ['KH-CDS', ['a', 'c']],
      ],
    ],
    [
      'lead unit',
      groupTasksByLeadUnit,
      [
        ['CA', ['b', 'c']],
        ['STTTT', ['a']],
      ],
    ],
  ] as const)('by %s: keys sorted, tasks in input order', (_name, group, expected) => {
    expect([...group(tasks)].map(([k, ts]) => [k, ts.map((t) => t.code)])).toEqual(expected);
  });
  it('groups nothing into an empty map', () => {
    expect(groupTasksByProgramme([]).size).toBe(0);
  });
});

describe('atRiskTasks', () => {
  const tasks = [
    task({ code: 'overdue', due: '2024-06-30' }),
    task({ code: 'today', due: '2024-07-01' }),
    task({ code: 'edge', due: '2024-07-31' }),
    task({ code: 'beyond', due: '2024-08-01' }),
    task({ code: 'done', status: 'completed', due: '2024-07-10' }),
    task({ code: 'b-same-day', status: 'notStarted', due: '2024-07-10' }),
    task({ code: 'a-same-day', due: '2024-07-10' }),
    recurring({ code: 'recurring' }),
    task({ code: 'recurring-flag', recurring: true, due: '2024-07-05' }),
    task({ code: 'undated', due: null }),
  ];
  it.each<[number, string[]]>([
    [30, ['today', 'a-same-day', 'b-same-day', 'edge']],
    [31, ['today', 'a-same-day', 'b-same-day', 'edge', 'beyond']],
    [0, ['today']],
    [-1, []],
  ])('within %i days', (horizon, expected) => {
    expect(atRiskTasks(tasks, '2024-07-01', horizon).map((t) => t.code)).toEqual(expected);
  });
  it('counts days across a leap day', () => {
    expect(atRiskTasks([task({ due: '2024-03-01' })], '2024-02-28', 1)).toEqual([]);
    expect(atRiskTasks([task({ due: '2024-03-01' })], '2024-02-28', 2)).toHaveLength(1);
  });
});

describe('STATUS_PHRASES', () => {
  it.each([
    ['completed', 'đã hoàn thành', 'completed'],
    ['recurring', 'thực hiện thường xuyên', 'recurring'],
    ['inProgress', 'đang triển khai', 'in progress'],
    ['notStarted', 'chưa triển khai', 'not started'],
    ['overdue', 'quá hạn', 'overdue'],
  ] as const)('%s', (status, vi, en) => {
    expect(STATUS_PHRASES[status]).toEqual({ vi, en });
  });
});
