import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  IndicatorGroupSummary,
  IndicatorSummary,
  ValidationRuleSummary,
} from '../../../src/contract/catalogue.js';
import type { RuleOperator } from '../../../src/domain/validation-rule.js';
import { apiRequest } from './client';

/**
 * The indicator catalogue's reads and writes (docs/domain.md §4): indicators, their groups and the validation
 * rules over them. Everyone signed in reads it; the API lets only the secretariat or an administrator over the whole
 * installation change it.
 */

/** Every query of the catalogue starts with this key, so a save reads them all again. */
const CATALOGUE_KEY = 'catalogue';

/** The whole catalogue is small (hundreds of indicators): read once, searched and filtered in the page. */
const ALL = 10_000;

export function useIndicators() {
  return useQuery({
    queryKey: [CATALOGUE_KEY, 'indicators'],
    queryFn: async () =>
      (await apiRequest<{ indicators: IndicatorSummary[] }>(`/indicators?limit=${ALL}`)).indicators,
  });
}

export function useIndicatorGroups() {
  return useQuery({
    queryKey: [CATALOGUE_KEY, 'groups'],
    queryFn: async () => (await apiRequest<{ groups: IndicatorGroupSummary[] }>('/indicator-groups')).groups,
  });
}

export function useValidationRules() {
  return useQuery({
    queryKey: [CATALOGUE_KEY, 'rules'],
    queryFn: async () => (await apiRequest<{ rules: ValidationRuleSummary[] }>('/validation-rules')).rules,
  });
}

/** What the indicator form sends: every field the API takes (the code only when creating, in the address after). */
export type IndicatorInput = Omit<IndicatorSummary, 'code'>;

export type GroupInput = Omit<IndicatorGroupSummary, 'code'>;

/** A rule as the form sends it: its comparison one the API takes; the indicators it names are the API's to find. */
export type RuleInput = Omit<ValidationRuleSummary, 'code' | 'indicators' | 'operator'> & {
  operator: RuleOperator;
};

/** A create (`code` new) or an update (`code` of the one edited) of one kind of catalogue entry. */
export type Save<T> = { mode: 'create' | 'update'; code: string; input: T };

function useSave<T, R>(path: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ mode, code, input }: Save<T>) =>
      mode === 'create'
        ? apiRequest<R>(path, { method: 'POST', body: { code, ...input } })
        : apiRequest<R>(`${path}/${encodeURIComponent(code)}`, { method: 'PUT', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: [CATALOGUE_KEY] }),
  });
}

export const useSaveIndicator = () => useSave<IndicatorInput, IndicatorSummary>('/indicators');
export const useSaveGroup = () => useSave<GroupInput, IndicatorGroupSummary>('/indicator-groups');
export const useSaveRule = () => useSave<RuleInput, ValidationRuleSummary>('/validation-rules');
