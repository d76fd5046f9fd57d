import { useQuery } from '@tanstack/react-query';
import type { ValueType } from '../../../src/domain/aggregate.js';
import type { PlanSummary, TargetBatchAnswer, TargetSummary } from '../../../src/contract/plans.js';
import { apiRequest } from './client';

/**
 * A plan's settings and its targets (docs/data-entry.md): read one plan and its targets, create or change a plan,
 * and save many targets at once (`PUT /plans/{code}/targets/batch`, all or nothing).
 */

/** The plan as `GET /plans/{code}` answers it. */
export function usePlan(code: string | undefined) {
  return useQuery({
    queryKey: ['plan', code],
    enabled: code !== undefined,
    queryFn: () => apiRequest<PlanSummary>(`/plans/${encodeURIComponent(code ?? '')}`),
  });
}

/** Every target of the plan the reader may read. */
export function usePlanTargets(code: string) {
  return useQuery({
    queryKey: ['plan-targets', code],
    queryFn: async () =>
      (await apiRequest<{ targets: TargetSummary[] }>(`/plans/${encodeURIComponent(code)}/targets`)).targets,
  });
}

/** What the grid's "add a row" picker reads of an indicator of the catalogue (`GET /indicators`). */
export type IndicatorChoice = { code: string; nameVi: string; nameEn: string | null; valueType: ValueType };

/** The indicators of the catalogue, for adding a target of one the plan has none of yet. */
export function useIndicatorChoices(enabled: boolean) {
  return useQuery({
    queryKey: ['indicators'],
    enabled,
    staleTime: 10 * 60_000,
    queryFn: async () => (await apiRequest<{ indicators: IndicatorChoice[] }>('/indicators')).indicators,
  });
}

/** A plan's fields as the settings form sends them; bands as ratios (1 = 100%), null for the defaults. */
export interface PlanFields {
  name: string;
  unit: string;
  startYear: number;
  endYear: number;
  bands: { exceeded: number; over80: number; from50to80: number } | null;
}

export function createPlan(fields: PlanFields & { code: string }): Promise<PlanSummary> {
  return apiRequest<PlanSummary>('/plans', { method: 'POST', body: fields });
}

export function updatePlan(code: string, fields: PlanFields): Promise<PlanSummary> {
  return apiRequest<PlanSummary>(`/plans/${encodeURIComponent(code)}`, { method: 'PUT', body: fields });
}

/** One row of a batch: the target's key and the fields to set (absent stays, null clears). */
export interface TargetRowSave {
  indicator: string;
  unit: string;
  period: string;
  target?: number | boolean;
  baseline?: number | boolean | null;
  baselinePeriod?: string | null;
  leadUnit?: string | null;
  note?: string | null;
}

export function saveTargets(plan: string, targets: TargetRowSave[]): Promise<TargetBatchAnswer> {
  return apiRequest<TargetBatchAnswer>(`/plans/${encodeURIComponent(plan)}/targets/batch`, {
    method: 'PUT',
    body: { targets },
  });
}
