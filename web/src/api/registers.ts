import { useMutation, useQuery } from '@tanstack/react-query';
import type { LackingUnits, RegisterChange, RegisterList } from '../../../src/contract/registers.js';
import { ApiError, apiRequest } from './client';
import type { Problem } from './types';

/**
 * The registers' reads (docs/tasks.md "Registers"): the registers kept under a unit, the units lacking one at a
 * period, its change between two periods, and the bulk-entry workbook of a unit and period.
 */

const query = (params: Record<string, string | null | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
};

/** `GET /registers?unit=`: the yes/no registers with values under the unit. */
export function useRegisters(unit: string | null) {
  return useQuery({
    queryKey: ['registers', 'list', unit],
    queryFn: () => apiRequest<RegisterList>(`/registers${query({ unit })}`),
  });
}

/** `GET /registers/{indicator}/lacking?period=&unit=`: every unit lacking the register at the period. */
export function useLacking(indicator: string, period: string | null, unit: string | null) {
  return useQuery({
    queryKey: ['registers', 'lacking', indicator, period, unit],
    enabled: period !== null,
    queryFn: () =>
      apiRequest<LackingUnits>(
        `/registers/${encodeURIComponent(indicator)}/lacking${query({ period, unit })}`,
      ),
  });
}

/** `GET /registers/{indicator}/change?from=&to=&unit=`: gaps closed, still open and newly open between two periods. */
export function useRegisterChange(
  indicator: string,
  from: string | null,
  to: string | null,
  unit: string | null,
) {
  return useQuery({
    queryKey: ['registers', 'change', indicator, from, to, unit],
    enabled: from !== null && to !== null,
    queryFn: () =>
      apiRequest<RegisterChange>(
        `/registers/${encodeURIComponent(indicator)}/change${query({ from, to, unit })}`,
      ),
  });
}

/** What the template download needs: the register, the unit whose villages (or communes) it lists, the period. */
export interface TemplateRequest {
  indicator: string;
  unit: string;
  period: string;
}

/** The workbook as the server named it. */
export interface TemplateFile {
  fileName: string;
  blob: Blob;
}

/**
 * `GET /registers/template`: fetched (not followed as a link) so that a refusal — a bad period, a unit outside the
 * reader's scope — comes back as the API's problem to show at its field, not as a downloaded error file.
 */
export async function fetchRegisterTemplate(request: TemplateRequest): Promise<TemplateFile> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/registers/template${query({ ...request })}`, {
      credentials: 'same-origin',
    });
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
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `registers-${request.indicator}.xlsx`;
  return { fileName, blob: await response.blob() };
}

/** Downloads the template and hands it to the browser under the server's file name. */
export function useTemplateDownload() {
  return useMutation({
    mutationFn: async (request: TemplateRequest) => {
      const file = await fetchRegisterTemplate(request);
      const url = URL.createObjectURL(file.blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return file;
    },
  });
}
