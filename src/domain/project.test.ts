import { describe, it, expect } from 'vitest';
import type { Project, ProjectApprovalState } from './project.js';
import {
  PROJECT_APPROVAL_TRANSITIONS,
  changeProjectApproval,
  disbursementRate,
  unapprovedProjects,
} from './project.js';

const STATES: ProjectApprovalState[] = ['drafted', 'submitted', 'approved', 'rejected'];
const ALLOWED = new Set([
  'drafted→submitted',
  'submitted→approved',
  'submitted→rejected',
  'rejected→drafted',
  'rejected→submitted',
]);

describe('changeProjectApproval', () => {
  const cases = STATES.flatMap((from) =>
    STATES.map((to) => [from, to, ALLOWED.has(`${from}→${to}`)] as const),
  );
  it.each(cases)('%s → %s allowed: %s', (from, to, allowed) => {
    const r = changeProjectApproval(from, to);
    if (allowed) {
      expect(r).toEqual({ ok: true, value: to });
    } else {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe('invalidTransition');
      expect(r.error.message_en).toContain(`"${from}" to "${to}"`);
      expect(r.error.message_vi).toMatch(/^Không thể chuyển dự án/);
    }
  });

  it('approval is final', () => {
    expect(PROJECT_APPROVAL_TRANSITIONS.approved).toEqual([]);
  });
});

describe('disbursementRate', () => {
  it.each([
    [100, 0, 0, false],
    [100, 25, 0.25, false],
    [100, 100, 1, false],
    [100, 130, 1.3, true],
    [3_000_000_000, 1_000_000_000, 1 / 3, false],
    [0, 0, null, false],
    [0, 5, null, true],
  ])('planned %d, disbursed %d → %s (over: %s)', (planned, disbursed, rate, over) => {
    expect(disbursementRate(planned, disbursed)).toEqual({ rate, overDisbursed: over });
  });
});

describe('unapprovedProjects', () => {
  const project = (code: string, approvalState: ProjectApprovalState): Project => ({
    code,
    programme: 'KH-CDS-2024',
    leadUnitCode: 'STTTT',
    status: 'notStarted',
    recurring: false,
    due: '2024-12-31',
    kind: 'project',
    budgetPlanned: 1_000,
    budgetDisbursed: 0,
    approvalState,
  });
  it.each<[string, Project[], string[]]>([
    ['none', [], []],
    ['all approved', [project('P1', 'approved')], []],
    [
      'the others, by code',
      [
        project('P3', 'rejected'),
        project('P1', 'approved'),
        project('P4', 'drafted'),
        project('P2', 'submitted'),
      ],
      ['P2', 'P3', 'P4'],
    ],
  ])('%s', (_name, projects, expected) => {
    expect(unapprovedProjects(projects).map((p) => p.code)).toEqual(expected);
  });
});
