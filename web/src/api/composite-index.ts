import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  MethodologyCopyResult,
  MethodologyDetail,
  MethodologyEdit,
  MethodologyEditResult,
  MethodologySummary,
  MethodologyValidation,
  RankedIndexResults,
  WhatIfIndexResult,
} from '../../../src/contract/composite-index.js';
import type { UnitLevel } from '../../../src/domain/unit-vocabulary.js';
import { apiRequest } from './client';

/**
 * Composite indices (docs/composite-index.md): the methodologies and the shipped templates, one methodology's tree
 * at a version, its edit (checked, then saved as a new version), a copy, a year's ranking, publishing it, and the
 * what-if of one unit.
 */

/** Every query of this area starts with this key, so a write reads them all again. */
const INDEX_KEY = 'composite-index';

const methodologyPath = (code: string) => `/index/methodologies/${encodeURIComponent(code)}`;
const indexPath = (code: string) => `/index/${encodeURIComponent(code)}`;

/** The methodologies, each with its newest version and the years published on it. */
export function useMethodologies() {
  return useQuery({
    queryKey: [INDEX_KEY, 'list'],
    queryFn: async () =>
      (await apiRequest<{ methodologies: MethodologySummary[] }>('/index/methodologies')).methodologies,
  });
}

/** A shipped template (the published DTI methodologies). */
export interface IndexTemplate {
  name: string;
  level: UnitLevel;
}

/** The templates the installation ships. */
export function useIndexTemplates() {
  return useQuery({
    queryKey: [INDEX_KEY, 'templates'],
    queryFn: async () => (await apiRequest<{ templates: IndexTemplate[] }>('/index/templates')).templates,
    staleTime: 60 * 60_000,
  });
}

/** Loads a shipped template (loading it again changes nothing). */
export function useLoadTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiRequest<{ template: string | null; indicatorsCreated: string[] }>(
        `/index/templates/${encodeURIComponent(name)}/load`,
        { method: 'POST' },
      ),
    onSettled: () => client.invalidateQueries({ queryKey: [INDEX_KEY] }),
  });
}

/** One methodology with its versions and the tree of one version (the newest when `version` is null). */
export function useMethodology(code: string, version: number | null) {
  return useQuery({
    queryKey: [INDEX_KEY, 'methodology', code, version],
    queryFn: () =>
      apiRequest<MethodologyDetail>(
        `${methodologyPath(code)}${version === null ? '' : `?version=${version}`}`,
      ),
    placeholderData: (previous) => (previous?.code === code ? previous : undefined),
  });
}

/** The problems an edit would cause, without saving it. */
export function useValidateEdit(code: string) {
  return useMutation({
    mutationFn: (edit: MethodologyEdit) =>
      apiRequest<MethodologyValidation>(`${methodologyPath(code)}/validate`, { method: 'POST', body: edit }),
  });
}

/** Saves an edit as the methodology's next version (refused when `baseVersion` is no longer the newest). */
export function useSaveEdit(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (edit: MethodologyEdit) =>
      apiRequest<MethodologyEditResult>(`${methodologyPath(code)}/nodes`, { method: 'PATCH', body: edit }),
    onSuccess: () => client.invalidateQueries({ queryKey: [INDEX_KEY] }),
  });
}

/** Copies a methodology (a version of it) under a new code, to edit the copy. */
export function useCopyMethodology(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { to: string; name?: string; version?: number }) =>
      apiRequest<MethodologyCopyResult>(`${methodologyPath(code)}/copy`, { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: [INDEX_KEY] }),
  });
}

/** A year's ranking by the methodology (the frozen one when the year is published). */
export function useIndexResults(code: string, year: number) {
  return useQuery({
    queryKey: [INDEX_KEY, 'results', code, year],
    queryFn: () =>
      apiRequest<RankedIndexResults>(
        `${indexPath(code)}/results?${new URLSearchParams({ year: String(year) })}`,
      ),
    placeholderData: (previous) => (previous?.methodology === code ? previous : undefined),
  });
}

/** Publishes (freezes) a year's ranking. */
export function usePublishYear(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (year: number) =>
      apiRequest<unknown>(`${indexPath(code)}/publish`, { method: 'POST', body: { year } }),
    onSettled: () => client.invalidateQueries({ queryKey: [INDEX_KEY] }),
  });
}

/** The single changes that would lift one unit most in a year's ranking (null unit: none asked for). */
export function useWhatIf(code: string, year: number, unit: string | null) {
  return useQuery({
    queryKey: [INDEX_KEY, 'what-if', code, year, unit],
    enabled: unit !== null,
    queryFn: () =>
      apiRequest<WhatIfIndexResult>(
        `${indexPath(code)}/what-if?${new URLSearchParams({ unit: unit ?? '', year: String(year), top: '5' })}`,
      ),
  });
}
