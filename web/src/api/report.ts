import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReportNote, ReportNotes, ReportSettingsView } from '../../../src/contract/report.js';
import type { NoteSection } from '../../../src/domain/report-narrative/narrative-input.js';
import type { Lang } from '../i18n/i18n';
import { ApiError, apiRequest } from './client';
import type { Problem } from './types';

/**
 * The meeting report's reads and writes (docs/report.md): the report itself in each format, the secretariat's
 * paragraphs (saved with the version read) and the plan's heading settings. Every query starts with REPORT_KEY,
 * so a save reads the preview and the paragraphs again.
 */

export type { ReportNote, ReportNotes, ReportSettingsView };

export const REPORT_KEY = 'report';

/** The formats offered for download, in the order shown. */
export const DOWNLOAD_FORMATS = ['docx', 'pdf', 'xlsx', 'md'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

/** A report's plan, period and unit (null: the plan's own unit). */
export interface ReportScope {
  plan: string;
  period: string;
  unit: string | null;
}

const planPath = (plan: string) => `/plans/${encodeURIComponent(plan)}/report`;

function scopeQuery(scope: ReportScope, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ period: scope.period, ...extra });
  if (scope.unit) query.set('unit', scope.unit);
  return query.toString();
}

/** The address of the report file in a format, for a link (`/api/v1/…`, read with the session cookie). */
export function reportHref(scope: ReportScope, format: DownloadFormat | 'html', lang: Lang): string {
  return `/api/v1${planPath(scope.plan)}?${scopeQuery(scope, { format, lang })}`;
}

/** The file name the server gives (content-disposition), or a fallback. */
function fileNameOf(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

/** Reads a report file with the session cookie; a refusal (403, a PDF that cannot be printed: 503) as ApiError. */
export async function fetchReportFile(href: string): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch(href, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, null, 'network');
  }
  if (!response.ok) {
    let problem: Problem | null = null;
    try {
      const json = (await response.json()) as Problem;
      if (typeof json.message_vi === 'string' && typeof json.message_en === 'string') problem = json;
    } catch {
      problem = null;
    }
    throw new ApiError(response.status, problem, problem?.message_en ?? `HTTP ${response.status}`);
  }
  return { blob: await response.blob(), fileName: fileNameOf(response, 'bao-cao') };
}

/** The report as HTML, for the preview frame. */
export function useReportPreview(scope: ReportScope | null, lang: Lang) {
  return useQuery({
    queryKey: [REPORT_KEY, 'html', scope?.plan, scope?.period, scope?.unit, lang],
    enabled: scope !== null,
    queryFn: async () => {
      if (!scope) return '';
      const { blob } = await fetchReportFile(reportHref(scope, 'html', lang));
      return blob.text();
    },
    placeholderData: (previous) => previous,
  });
}

/** The secretariat's paragraphs of the report's plan, period and unit. */
export function useReportNotes(scope: ReportScope | null) {
  return useQuery({
    queryKey: [REPORT_KEY, 'notes', scope?.plan, scope?.period, scope?.unit],
    enabled: scope !== null,
    queryFn: () =>
      scope
        ? apiRequest<ReportNotes>(`${planPath(scope.plan)}/notes?${scopeQuery(scope)}`)
        : Promise.reject(new Error('no report')),
  });
}

/** Saves one section's text over the version read (null: the section had none); a newer one answers 409. */
export function useSaveNote(scope: ReportScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { section: NoteSection; text: string; version: string | null }) =>
      apiRequest<ReportNote>(
        `${planPath(scope.plan)}/notes?${scopeQuery(scope, { section: input.section })}`,
        {
          method: 'PUT',
          body: { text: input.text, version: input.version },
        },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [REPORT_KEY] }),
  });
}

/** Clears one section's text. */
export function useClearNote(scope: ReportScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (section: NoteSection) =>
      apiRequest<{ cleared: number }>(`${planPath(scope.plan)}/notes?${scopeQuery(scope, { section })}`, {
        method: 'DELETE',
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [REPORT_KEY] }),
  });
}

/** The plan's heading and signature settings (null where the report uses its default). */
export function useReportSettings(plan: string, enabled: boolean) {
  return useQuery({
    queryKey: [REPORT_KEY, 'settings', plan],
    enabled,
    queryFn: () => apiRequest<ReportSettingsView>(`${planPath(plan)}/settings`),
  });
}

export type ReportSettingsPatch = Partial<Omit<ReportSettingsView, 'plan'>>;

/** Changes the settings: a field given as null clears it. */
export function useSaveReportSettings(plan: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ReportSettingsPatch) =>
      apiRequest<ReportSettingsView>(`${planPath(plan)}/settings`, { method: 'PUT', body: patch }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [REPORT_KEY] }),
  });
}
