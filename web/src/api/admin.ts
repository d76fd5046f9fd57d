import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditPage } from '../../../src/contract/audit.js';
import type { ApiTokenSummary, CreatedApiToken } from '../../../src/contract/tokens.js';
import type { AddedUser, PasswordReset, UserSummary } from '../../../src/contract/users.js';
import type { Role } from '../../../src/domain/approval.js';
import { apiRequest } from './client';

/**
 * The administration's reads and writes (docs/security.md): the users an administrator manages and their roles, the
 * API tokens, and the audit log. The API checks every request against the caller's units; the screens show its
 * refusals.
 */

const enc = encodeURIComponent;

export function useUsers() {
  return useQuery({
    queryKey: ['admin', 'users'],
    queryFn: async () => (await apiRequest<{ users: UserSummary[] }>('/users')).users,
    retry: false,
  });
}

export interface NewUser {
  login: string;
  displayName: string;
  email?: string | null;
  password?: string;
  grants: { role: Role; unit: string }[];
}

/** Invalidates the users list after a change (and the audit, which records it). */
function useAdminRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['admin'] });
}

export function useAddUser() {
  const refresh = useAdminRefresh();
  return useMutation({
    mutationFn: (body: NewUser) => apiRequest<AddedUser>('/users', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useSetUserDisabled() {
  const refresh = useAdminRefresh();
  return useMutation({
    mutationFn: ({ login, disabled }: { login: string; disabled: boolean }) =>
      apiRequest<UserSummary>(`/users/${enc(login)}/${disabled ? 'disable' : 'enable'}`, { method: 'POST' }),
    onSuccess: refresh,
  });
}

export function useResetPassword() {
  const refresh = useAdminRefresh();
  return useMutation({
    mutationFn: (login: string) =>
      apiRequest<PasswordReset>(`/users/${enc(login)}/password`, { method: 'POST', body: {} }),
    onSuccess: refresh,
  });
}

export function useGrantRole() {
  const refresh = useAdminRefresh();
  return useMutation({
    mutationFn: ({ login, role, unit }: { login: string; role: Role; unit: string }) =>
      apiRequest<{ user: UserSummary; changed: boolean }>(`/users/${enc(login)}/grants`, {
        method: 'POST',
        body: { role, unit },
      }),
    onSuccess: refresh,
  });
}

export function useRevokeRole() {
  const refresh = useAdminRefresh();
  return useMutation({
    mutationFn: ({ login, role, unit }: { login: string; role: Role; unit: string }) =>
      apiRequest<{ user: UserSummary }>(
        `/users/${enc(login)}/grants?${new URLSearchParams({ role, unit }).toString()}`,
        { method: 'DELETE' },
      ),
    onSuccess: refresh,
  });
}

export function useTokens() {
  return useQuery({
    queryKey: ['admin', 'tokens'],
    queryFn: async () => (await apiRequest<{ tokens: ApiTokenSummary[] }>('/tokens')).tokens,
    retry: false,
  });
}

export interface NewToken {
  name: string;
  role: Role;
  unit: string;
  expiresInDays: number;
}

export function useCreateToken() {
  const refresh = useAdminRefresh();
  return useMutation({
    mutationFn: (body: NewToken) => apiRequest<CreatedApiToken>('/tokens', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useRevokeToken() {
  const refresh = useAdminRefresh();
  return useMutation({
    mutationFn: (id: number) => apiRequest<ApiTokenSummary>(`/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

/** The audit screen's filters, as its address holds them. */
export interface AuditFilters {
  actor?: string;
  action?: string;
  entity?: string;
  key?: string;
  unit?: string;
  /** Dates `2024-07-01`, read in Vietnam's time: from the start of `from` to the end of `to`. */
  from?: string;
  to?: string;
}

/** The start of a Vietnamese calendar day (UTC+7, no daylight saving) as an ISO time. */
function vietnamDayStart(date: string, plusDays = 0): string {
  const day = new Date(`${date}T00:00:00+07:00`);
  return new Date(day.getTime() + plusDays * 86_400_000).toISOString();
}

export function useAudit(filters: AuditFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['admin', 'audit', filters, page, pageSize],
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: () => {
      const query = new URLSearchParams({
        order: 'desc',
        limit: String(pageSize),
        offset: String((page - 1) * pageSize),
      });
      for (const name of ['actor', 'action', 'entity', 'key', 'unit'] as const) {
        const value = filters[name]?.trim();
        if (value) query.set(name, value);
      }
      if (filters.from) query.set('from', vietnamDayStart(filters.from));
      if (filters.to) query.set('to', vietnamDayStart(filters.to, 1));
      return apiRequest<AuditPage>(`/audit?${query.toString()}`);
    },
  });
}
