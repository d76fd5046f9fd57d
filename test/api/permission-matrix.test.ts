import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../src/api/auth.plugin.js';
import type { Api } from '../../src/api/api-types.js';
import { buildServer } from '../../src/api/server.js';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { applyReviewEvent } from '../../src/app/review/apply-review-event.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import { addUser } from '../../src/app/users/add-user.js';
import type { Db } from '../../src/store/db.js';
import {
  insertIndicator,
  insertPlan,
  insertValue,
  loadSmallTree,
  testContext,
} from '../support/auth-fixtures.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

/**
 * The permission matrix (issue 7): every /api/v1 route × every role, with a grant over the unit the request is about
 * (province 15, "in") and over another province (48, "out"), × an administrator of the whole installation × an
 * anonymous caller. The table below says, for each route, who may use it; a route the server has and the table
 * lacks fails the test, as does a table entry the server no longer has.
 *
 * A refused caller must get 401 (anonymous) or 403/404 — never a 2xx, never a 400 or 409 that would show it got past
 * the check. An allowed caller must not get 401/403. And no response to a caller without a role over province 15
 * may contain the secret marker planted in its data (a value's comment, a task's title, a plan's name, a user);
 * nor may a response to a caller without a role over province 48 contain the marker of 48's data (a unit's name,
 * a value's comment), planted behind a target an installation administrator set on province 15's plan.
 *
 * Beyond one request per route, VARIANTS sends further requests to routes of the table, checked the same way: every
 * import sheet creating and overwriting rows in and out of the caller's units, targets of one province's plan at
 * another's units, and moves of plans, units and tasks between provinces (which need the right over both).
 */

type Role = 'admin' | 'secretariat' | 'reporter' | 'viewer';
const ROLES: Role[] = ['admin', 'secretariat', 'reporter', 'viewer'];

/** Who holds what, written out by hand (independent of src/app/auth/scope.ts). */
const ROLE_PERMISSIONS: Record<Role, string[]> = {
  admin: [
    'read',
    'values:write',
    'review:return',
    'review:approve',
    'review:reopen',
    'plans:manage',
    'units:manage',
    'users:manage',
    'tokens:manage',
    'audit:read',
  ],
  secretariat: ['read', 'values:write', 'review:return', 'review:approve', 'review:reopen', 'plans:manage'],
  reporter: ['read', 'values:write', 'review:submit'],
  viewer: ['read'],
};

/**
 * Who may use a route:
 * - `public`: everyone, anonymous callers included;
 * - `signedIn`: every signed-in caller, whatever its role or units (catalogue metadata, its own session);
 * - `sessionUser`: a user signed in with a password, never an API token (changing one's password);
 * - `list`: every signed-in caller, the answer filtered to the caller's units (the marker check proves it);
 * - `root`: only an administrator of the whole installation;
 * - `anyAdmin`: an administrator of any unit (answers filtered to its units);
 * - a permission: a role carrying it over province 15 (or the installation); `read@/`: reading at the
 *   installation root (national rankings), so any role over the root only; with `over`, a role carrying it over
 *   each of the provinces listed (`['15', '48']`: only the installation's administrator has both).
 */
type Province = '15' | '48';
type Access =
  | 'public'
  | 'signedIn'
  | 'sessionUser'
  | 'list'
  | 'root'
  | 'anyAdmin'
  | { need: string; over?: readonly Province[] };

type Caller = { label: string; role: Role | null; scope: 'in' | 'out' | 'root' | null };

const CALLERS: Caller[] = [
  { label: 'anonymous', role: null, scope: null },
  ...ROLES.flatMap((role) => [
    { label: `${role}@48 (out)`, role, scope: 'out' as const },
    { label: `${role}@15 (in)`, role, scope: 'in' as const },
  ]),
  { label: 'admin@/ (root)', role: 'admin', scope: 'root' },
];

function allowed(access: Access, caller: Caller): boolean {
  if (access === 'public') return true;
  if (caller.role === null || access === 'sessionUser') return false;
  if (access === 'signedIn' || access === 'list') return true;
  if (caller.scope === 'root') return true;
  if (access === 'root') return false;
  if (access === 'anyAdmin') return caller.role === 'admin';
  if (access.need === 'read@/') return false;
  const over = access.over ?? [P];
  return (
    over.every((province) => caller.scope === (province === P ? 'in' : 'out')) &&
    ROLE_PERMISSIONS[caller.role].includes(access.need)
  );
}

/** Province 15's secret, in its data; and province 48's, in the data behind a target set on 15's plan. */
const MARKER = /bimat/i;
const MARKER_48 = /kin48/i;
const P = '15';

type Request = { url: string; payload?: unknown; headers?: Record<string, string> };
type Entry = { access: Access; request: Request | ((n: number) => Request) };

const q = (path: string) => `/api/v1${path}`;
const xlsxLike = { 'content-type': 'text/csv' };

/** Every /api/v1 route: who may use it and a request about province 15's data. */
const MATRIX: Record<string, Entry> = {
  'GET /api/v1/health': { access: 'public', request: { url: q('/health') } },
  'POST /api/v1/session': {
    access: 'public',
    request: { url: q('/session'), payload: { login: 'login.only', password: 'bốn con ngựa chạy qua cầu' } },
  },
  'GET /api/v1/session/demo-accounts': { access: 'public', request: { url: q('/session/demo-accounts') } },
  'GET /api/v1/public/values': { access: 'public', request: { url: q('/public/values') } },
  'GET /api/v1/public/values.csv': { access: 'public', request: { url: q('/public/values.csv') } },
  'GET /api/v1/public/plans': { access: 'public', request: { url: q('/public/plans') } },
  'GET /api/v1/public/plans/:code/dashboard': {
    access: 'public',
    request: { url: q('/public/plans/KH-15/dashboard') },
  },
  'GET /api/v1/data-version': { access: 'signedIn', request: { url: q('/data-version') } },
  'GET /api/v1/events': { access: 'signedIn', request: { url: q('/events?seconds=0') } },
  'GET /api/v1/maps': { access: 'signedIn', request: { url: q(`/maps?parent=${P}`) } },
  'GET /api/v1/maps/status': { access: 'signedIn', request: { url: q('/maps/status') } },
  'PUT /api/v1/maps': {
    access: 'root',
    request: {
      url: q('/maps?name=tinh.geojson'),
      payload: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            id: P,
            properties: {},
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [104, 22],
                  [104.1, 22],
                  [104.1, 22.1],
                  [104, 22],
                ],
              ],
            },
          },
        ],
      },
    },
  },

  'GET /api/v1/session': { access: 'signedIn', request: { url: q('/session') } },
  'PUT /api/v1/session/password': {
    access: 'sessionUser',
    request: { url: q('/session/password'), payload: { currentPassword: 'x', newPassword: 'y' } },
  },
  'DELETE /api/v1/session': { access: 'signedIn', request: { url: q('/session') } },

  'GET /api/v1/units': { access: 'signedIn', request: { url: q(`/units?parent=${P}`) } },
  'GET /api/v1/units/:code': { access: 'signedIn', request: { url: q(`/units/${P}`) } },
  'POST /api/v1/units': {
    access: { need: 'units:manage' },
    request: (n) => ({
      url: q('/units'),
      payload: { code: `WS${n}`, name: `Sở ${n}`, kind: 'agency', parent: P },
    }),
  },
  'PUT /api/v1/units/:code': {
    access: { need: 'units:manage' },
    request: { url: q('/units/LCI-STTTT'), payload: { name: 'Sở TTTT' } },
  },

  'GET /api/v1/indicators': { access: 'signedIn', request: { url: q('/indicators') } },
  'GET /api/v1/indicators/:code': { access: 'signedIn', request: { url: q('/indicators/DX_A') } },
  'POST /api/v1/indicators': {
    access: 'root',
    request: (n) => ({
      url: q('/indicators'),
      payload: { code: `NEW_${n}`, nameVi: 'Chỉ tiêu mới', valueType: 'count' },
    }),
  },
  'PUT /api/v1/indicators/:code': {
    access: 'root',
    request: { url: q('/indicators/DX_A'), payload: { nameVi: 'Tỷ lệ A' } },
  },
  'GET /api/v1/indicator-groups': { access: 'signedIn', request: { url: q('/indicator-groups') } },
  'POST /api/v1/indicator-groups': {
    access: 'root',
    request: (n) => ({ url: q('/indicator-groups'), payload: { code: `grp${n}`, nameVi: 'Nhóm' } }),
  },
  'PUT /api/v1/indicator-groups/:code': {
    access: 'root',
    request: { url: q('/indicator-groups/smartCity'), payload: { sort: 18 } },
  },
  'GET /api/v1/validation-rules': { access: 'signedIn', request: { url: q('/validation-rules') } },
  'POST /api/v1/validation-rules': {
    access: 'root',
    request: (n) => ({
      url: q('/validation-rules'),
      payload: { code: `R${n}`, nameVi: 'Quy tắc', leftSide: '#{DX_A}', operator: '<=', rightSide: '100' },
    }),
  },
  'PUT /api/v1/validation-rules/:code': {
    access: 'root',
    request: { url: q('/validation-rules/R0'), payload: { nameVi: 'Quy tắc 0' } },
  },

  'GET /api/v1/plans': { access: 'list', request: { url: q('/plans') } },
  'GET /api/v1/plans/:code': { access: { need: 'read' }, request: { url: q('/plans/KH-15') } },
  'POST /api/v1/plans': {
    access: { need: 'plans:manage' },
    request: (n) => ({
      url: q('/plans'),
      payload: { code: `KH-NEW-${n}`, name: 'Kế hoạch mới bimat', unit: P, startYear: 2025, endYear: 2026 },
    }),
  },
  'PUT /api/v1/plans/:code': {
    access: { need: 'plans:manage' },
    request: { url: q('/plans/KH-15'), payload: { endYear: 2026 } },
  },
  'GET /api/v1/plans/:code/targets': { access: 'list', request: { url: q('/plans/KH-15/targets') } },
  'POST /api/v1/plans/:code/targets': {
    access: { need: 'plans:manage' },
    request: (n) => ({
      url: q('/plans/KH-15/targets'),
      payload: { indicator: 'DX_A', unit: '02647', period: `2025Q${(n % 4) + 1}`, target: 80 },
    }),
  },
  'PUT /api/v1/plans/:code/targets': {
    access: { need: 'plans:manage' },
    request: {
      url: q('/plans/KH-15/targets'),
      payload: { indicator: 'DX_A', unit: P, period: '2025', target: 91 },
    },
  },
  'PUT /api/v1/plans/:code/targets/batch': {
    access: { need: 'plans:manage' },
    request: {
      url: q('/plans/KH-15/targets/batch'),
      payload: { targets: [{ indicator: 'DX_A', unit: P, period: '2025', target: 92 }] },
    },
  },
  'GET /api/v1/plans/:code/evaluation': {
    access: { need: 'read' },
    request: { url: q('/plans/KH-15/evaluation?period=2025') },
  },
  'GET /api/v1/plans/:code/targets/:indicator/trace': {
    access: { need: 'read' },
    request: { url: q('/plans/KH-15/targets/DX_A/trace?period=2025') },
  },
  'GET /api/v1/plans/:code/report': {
    access: { need: 'read' },
    request: { url: q('/plans/KH-15/report?period=2025&format=md') },
  },
  'GET /api/v1/plans/:code/report/notes': {
    access: { need: 'read' },
    request: { url: q('/plans/KH-15/report/notes?period=2025') },
  },
  'PUT /api/v1/plans/:code/report/notes': {
    access: { need: 'plans:manage' },
    request: {
      url: q('/plans/KH-15/report/notes?period=2025&section=assessment'),
      payload: { text: 'Đánh giá.' },
    },
  },
  'DELETE /api/v1/plans/:code/report/notes': {
    access: { need: 'plans:manage' },
    request: { url: q('/plans/KH-15/report/notes?period=2025') },
  },
  'GET /api/v1/plans/:code/report/settings': {
    access: { need: 'read' },
    request: { url: q('/plans/KH-15/report/settings') },
  },
  'PUT /api/v1/plans/:code/report/settings': {
    access: { need: 'plans:manage' },
    request: { url: q('/plans/KH-15/report/settings'), payload: { place: 'Lào Cai' } },
  },
  'GET /api/v1/plans/:code/dashboard': {
    access: { need: 'read' },
    request: { url: q('/plans/KH-15/dashboard?period=2025Q1') },
  },
  'GET /api/v1/dashboard/landing': { access: 'list', request: { url: q('/dashboard/landing') } },
  'GET /api/v1/indicators/:code/evaluation': {
    access: { need: 'read' },
    request: { url: q(`/indicators/DX_A/evaluation?plan=KH-15&period=2025&parent=${P}`) },
  },
  'GET /api/v1/plans/:code/template': {
    access: { need: 'read' },
    request: { url: q(`/plans/KH-15/template?period=2025Q1&unit=02647`) },
  },

  'GET /api/v1/values': { access: 'list', request: { url: q('/values') } },
  'GET /api/v1/values/one': {
    access: { need: 'read' },
    request: { url: q('/values/one?indicator=DX_A&unit=02647&period=2025Q1') },
  },
  'GET /api/v1/values/entry-form': {
    access: { need: 'values:write' },
    request: { url: q('/values/entry-form?unit=02647&period=2025Q1') },
  },
  'PUT /api/v1/values/batch': {
    access: { need: 'values:write' },
    request: (n) => ({
      url: q('/values/batch'),
      payload: {
        values: [
          {
            indicator: 'DX_A',
            unit: '02648',
            period: `2023${String((n % 12) + 1).padStart(2, '0')}`,
            value: 50,
          },
        ],
      },
    }),
  },
  'GET /api/v1/values/history': {
    access: { need: 'read' },
    request: { url: q('/values/history?indicator=DX_A&unit=02647&period=2025Q1') },
  },
  'PUT /api/v1/values': {
    access: { need: 'values:write' },
    request: (n) => ({
      url: q('/values'),
      payload: {
        indicator: 'DX_A',
        unit: '02648',
        period: `2025${String((n % 12) + 1).padStart(2, '0')}`,
        value: 50,
      },
    }),
  },
  'GET /api/v1/values/export': { access: 'list', request: { url: q('/values/export?format=csv') } },
  'POST /api/v1/imports': {
    access: { need: 'values:write' },
    request: (n) => ({
      url: q('/imports?sheet=values'),
      headers: xlsxLike,
      payload: `indicator_code,unit_code,period,value\nDX_A,02648,2026${String((n % 12) + 1).padStart(2, '0')},40\n`,
    }),
  },

  'GET /api/v1/tasks': { access: 'list', request: { url: q('/tasks') } },
  'GET /api/v1/tasks/summary': { access: 'list', request: { url: q('/tasks/summary') } },
  'GET /api/v1/tasks/report': { access: 'list', request: { url: q('/tasks/report') } },
  'GET /api/v1/tasks/export': { access: { need: 'read' }, request: { url: q(`/tasks/export?unit=${P}`) } },
  'GET /api/v1/tasks/:code': { access: { need: 'read' }, request: { url: q('/tasks/T-P') } },
  'POST /api/v1/tasks': {
    access: { need: 'plans:manage' },
    request: (n) => ({
      url: q('/tasks'),
      payload: {
        code: `T-NEW-${n}`,
        programme: 'DA06',
        title: 'Nhiệm vụ mới bimat',
        leadUnit: P,
        status: 'notStarted',
      },
    }),
  },
  'PATCH /api/v1/tasks/:code': {
    access: { need: 'plans:manage' },
    request: { url: q('/tasks/T-P'), payload: { status: 'inProgress' } },
  },
  'POST /api/v1/tasks/:code/notes': {
    access: { need: 'values:write' },
    request: { url: q('/tasks/T-P/notes'), payload: { text: 'Ghi chú' } },
  },
  'POST /api/v1/tasks/:code/links': {
    access: { need: 'values:write' },
    request: { url: q('/tasks/T-P/links'), payload: { url: 'https://laocai.gov.vn' } },
  },
  'POST /api/v1/tasks/:code/approval': {
    access: { need: 'plans:manage' },
    request: { url: q('/tasks/PRJ-P/approval'), payload: { to: 'submitted' } },
  },
  'DELETE /api/v1/tasks/:code': {
    access: { need: 'plans:manage' },
    request: (n) => ({ url: q(`/tasks/T-DEL-${n}`) }),
  },
  'GET /api/v1/projects': { access: 'list', request: { url: q('/projects') } },
  'GET /api/v1/projects/unapproved': { access: 'list', request: { url: q('/projects/unapproved') } },

  'GET /api/v1/registers': { access: { need: 'read' }, request: { url: q(`/registers?unit=${P}`) } },
  'GET /api/v1/registers/:indicator/lacking': {
    access: { need: 'read' },
    request: { url: q(`/registers/HAS_FIBRE/lacking?period=2025&unit=${P}`) },
  },
  'GET /api/v1/registers/:indicator/change': {
    access: { need: 'read' },
    request: { url: q(`/registers/HAS_FIBRE/change?from=2024&to=2025&unit=${P}`) },
  },
  'GET /api/v1/registers/template': {
    access: { need: 'values:write' },
    request: { url: q(`/registers/template?indicator=HAS_FIBRE&period=2025&unit=${P}&level=commune`) },
  },

  'GET /api/v1/index/methodologies': { access: 'signedIn', request: { url: q('/index/methodologies') } },
  'GET /api/v1/index/methodologies/:code': {
    access: 'signedIn',
    request: { url: q('/index/methodologies/dti-province-922-2022') },
  },
  'GET /api/v1/index/templates': { access: 'signedIn', request: { url: q('/index/templates') } },
  'POST /api/v1/index/templates/:name/load': {
    access: 'root',
    request: { url: q('/index/templates/dti-ministry-922-2022/load') },
  },
  'POST /api/v1/index/nodes': {
    access: 'root',
    request: {
      url: q('/index/nodes'),
      payload: {
        rows: [{ methodology: 'MY-INDEX', code: 'ROOT', parentCode: null, name: 'Gốc', weight: 1 }],
      },
    },
  },
  'POST /api/v1/index/methodologies/:code/copy': {
    access: 'root',
    request: (n) => ({
      url: q('/index/methodologies/dti-province-922-2022/copy'),
      payload: { to: `copy-${n}` },
    }),
  },
  'PATCH /api/v1/index/methodologies/:code/nodes': {
    access: 'root',
    request: { url: q('/index/methodologies/copy-0/nodes'), payload: { remove: [] } },
  },
  'POST /api/v1/index/methodologies/:code/validate': {
    access: 'signedIn',
    request: { url: q('/index/methodologies/dti-province-922-2022/validate'), payload: {} },
  },
  'GET /api/v1/index/:methodology/results': {
    access: { need: 'read@/' },
    request: { url: q('/index/dti-province-922-2022/results?year=2025') },
  },
  'POST /api/v1/index/:methodology/publish': {
    access: 'root',
    request: { url: q('/index/dti-province-922-2022/publish'), payload: { year: 2025 } },
  },
  'GET /api/v1/index/:methodology/what-if': {
    access: { need: 'read@/' },
    request: { url: q('/index/dti-province-922-2022/what-if?year=2025&unit=15&node=A&value=1') },
  },

  'GET /api/v1/users': { access: 'anyAdmin', request: { url: q('/users') } },
  'POST /api/v1/users': {
    access: { need: 'users:manage' },
    request: (n) => ({
      url: q('/users'),
      payload: {
        login: `new.user${n}`,
        displayName: 'Người mới bimat',
        grants: [{ role: 'viewer', unit: '02647' }],
      },
    }),
  },
  'GET /api/v1/users/:login': { access: { need: 'users:manage' }, request: { url: q('/users/reporter.p') } },
  'POST /api/v1/users/:login/disable': {
    access: { need: 'users:manage' },
    request: { url: q('/users/reporter.p/disable') },
  },
  'POST /api/v1/users/:login/enable': {
    access: { need: 'users:manage' },
    request: { url: q('/users/reporter.p/enable') },
  },
  'POST /api/v1/users/:login/password': {
    access: { need: 'users:manage' },
    request: { url: q('/users/reporter.p/password'), payload: {} },
  },
  'POST /api/v1/users/:login/grants': {
    access: { need: 'users:manage' },
    request: { url: q('/users/reporter.p/grants'), payload: { role: 'viewer', unit: '02648' } },
  },
  'DELETE /api/v1/users/:login/grants': {
    access: { need: 'users:manage' },
    request: { url: q('/users/reporter.p/grants?role=viewer&unit=02648') },
  },
  'GET /api/v1/tokens': { access: 'anyAdmin', request: { url: q('/tokens') } },
  'POST /api/v1/tokens': {
    access: { need: 'tokens:manage' },
    request: (n) => ({ url: q('/tokens'), payload: { name: `bimat ${n}`, role: 'viewer', unit: '02647' } }),
  },
  'DELETE /api/v1/tokens/:id': { access: { need: 'tokens:manage' }, request: { url: q('/tokens/1') } },
  'GET /api/v1/rollup': { access: 'root', request: { url: q('/rollup') } },
  'GET /api/v1/audit': {
    access: 'anyAdmin',
    request: { url: q(`/audit?entity=review&key=${encodeURIComponent('KH-15|02647|2025Q1')}`) },
  },

  'GET /api/v1/plans/:code/reviews': {
    access: 'list',
    request: { url: q('/plans/KH-15/reviews?period=2025Q1&level=commune') },
  },
  'GET /api/v1/plans/:code/reviews/:period/:unit': {
    access: { need: 'read' },
    request: { url: q('/plans/KH-15/reviews/2025Q1/02647') },
  },
  'GET /api/v1/plans/:code/reviews/:period/:unit/changes': {
    access: { need: 'read' },
    request: { url: q('/plans/KH-15/reviews/2025Q1/02647/changes') },
  },
  'POST /api/v1/plans/:code/reviews/:period/:event': {
    access: { need: 'review:approve' },
    request: { url: q('/plans/KH-15/reviews/2025Q1/approve'), payload: { units: ['02647'] } },
  },
};

/** A month of 2025 for the n-th caller, so that each allowed caller creates its own row. */
const month = (n: number) => `2025${String((n % 12) + 1).padStart(2, '0')}`;
const importing = (sheet: string, header: string, row: (n: number) => string) => (n: number) => ({
  url: q(`/imports?sheet=${sheet}`),
  headers: xlsxLike,
  payload: `${header}\n${row(n)}\n`,
});
const UNITS = 'code,name,kind,parent_code';
const PLANS = 'code,name,unit_code,start_year,end_year';
const TARGETS = 'plan_code,indicator_code,unit_code,period,target';
const VALUES = 'indicator_code,unit_code,period,value';
const TASKS = 'code,programme,title,lead_unit_code,status';
const BOTH: Province[] = [P, '48'];

/**
 * Further requests to routes of MATRIX (the key before ` [`), checked as MATRIX is. Rows "of 48" are in the other
 * province; moving a row between provinces needs the right over both (only the installation's administrator).
 */
const VARIANTS: Record<string, Entry> = {
  'POST /api/v1/imports [units: a new unit under 15]': {
    access: { need: 'units:manage' },
    request: importing('units', UNITS, (n) => `WSI${n},Thôn ${n},village,02647`),
  },
  'POST /api/v1/imports [units: a unit of 15 overwritten]': {
    access: { need: 'units:manage' },
    request: importing('units', UNITS, () => 'LCI-STTTT,Sở Khoa học và Công nghệ,agency,15'),
  },
  'POST /api/v1/imports [units: a new unit under 48]': {
    access: { need: 'units:manage', over: ['48'] },
    request: importing('units', UNITS, (n) => `WSJ${n},Thôn ${n},village,20194`),
  },
  'POST /api/v1/imports [units: a unit of 15 moved under 48]': {
    access: { need: 'units:manage', over: BOTH },
    request: importing('units', UNITS, () => 'LCI-MOVE-I,Phòng chuyển đi,agency,48'),
  },
  'POST /api/v1/imports [units: a unit of 48 moved under 15]': {
    access: { need: 'units:manage', over: BOTH },
    request: importing('units', UNITS, () => 'DN-MOVE-I,Phòng chuyển đến,agency,15'),
  },
  'POST /api/v1/imports [plans: a new plan of 15]': {
    access: { need: 'plans:manage' },
    request: importing('plans', PLANS, (n) => `KH-I${n},Kế hoạch ${n},15,2025,2025`),
  },
  'POST /api/v1/imports [plans: a plan of 15 overwritten]': {
    access: { need: 'plans:manage' },
    request: importing('plans', PLANS, () => 'KH-15,Kế hoạch BIMAT của tỉnh,15,2025,2026'),
  },
  'POST /api/v1/imports [plans: a new plan of 48]': {
    access: { need: 'plans:manage', over: ['48'] },
    request: importing('plans', PLANS, (n) => `KH-J${n},Kế hoạch ${n},48,2025,2025`),
  },
  'POST /api/v1/imports [plans: a plan of 15 moved to 48]': {
    access: { need: 'plans:manage', over: BOTH },
    request: importing('plans', PLANS, () => 'KH-MOVE-I,Kế hoạch chuyển đi,48,2025,2025'),
  },
  'POST /api/v1/imports [plans: a plan of 48 moved to 15]': {
    access: { need: 'plans:manage', over: BOTH },
    request: importing('plans', PLANS, () => 'KH-48-MOVE-I,Kế hoạch chuyển đến,15,2025,2025'),
  },
  'POST /api/v1/imports [targets: a new target of 15’s plan at 15]': {
    access: { need: 'plans:manage' },
    request: importing('targets', TARGETS, (n) => `KH-15,DX_A,02647,${month(n)},80`),
  },
  'POST /api/v1/imports [targets: a target of 15’s plan overwritten]': {
    access: { need: 'plans:manage' },
    request: importing('targets', TARGETS, () => 'KH-15,DX_A,15,2025,91'),
  },
  'POST /api/v1/imports [targets: a target of 15’s plan at a unit of 48]': {
    access: { need: 'plans:manage', over: BOTH },
    request: importing('targets', TARGETS, () => 'KH-15,DX_A,20194,2025,80'),
  },
  'POST /api/v1/imports [targets: a target of 48’s plan at a unit of 15]': {
    access: { need: 'plans:manage', over: BOTH },
    request: importing('targets', TARGETS, () => 'KH-48,DX_A,02647,2025,80'),
  },
  'POST /api/v1/imports [targets: a new target of 48’s plan at 48]': {
    access: { need: 'plans:manage', over: ['48'] },
    request: importing('targets', TARGETS, (n) => `KH-48,DX_A,20194,${month(n)},80`),
  },
  'POST /api/v1/imports [values: a value of 15 overwritten]': {
    access: { need: 'values:write' },
    request: importing('values', VALUES, (n) => `DX_A,02647,2025Q2,${60 + n}`),
  },
  'POST /api/v1/imports [values: a new value of 48]': {
    access: { need: 'values:write', over: ['48'] },
    request: importing('values', VALUES, (n) => `DX_A,20194,${month(n)},40`),
  },
  'POST /api/v1/imports [tasks: a new task of 15]': {
    access: { need: 'plans:manage' },
    request: importing('tasks', TASKS, (n) => `T-I${n},DA06,Nhiệm vụ ${n},15,notStarted`),
  },
  'POST /api/v1/imports [tasks: a task of 15 overwritten]': {
    access: { need: 'plans:manage' },
    request: importing('tasks', TASKS, () => 'T-P,DA06,Nhiệm vụ BIMAT,15,inProgress'),
  },
  'POST /api/v1/imports [tasks: a new task of 48]': {
    access: { need: 'plans:manage', over: ['48'] },
    request: importing('tasks', TASKS, (n) => `T-J${n},DA06,Nhiệm vụ ${n},48,notStarted`),
  },
  'POST /api/v1/imports [tasks: a task of 15 moved to 48]': {
    access: { need: 'plans:manage', over: BOTH },
    request: importing('tasks', TASKS, () => 'T-MOVE-I,DA06,Nhiệm vụ chuyển đi,48,notStarted'),
  },
  'POST /api/v1/imports [tasks: a task of 48 moved to 15]': {
    access: { need: 'plans:manage', over: BOTH },
    request: importing('tasks', TASKS, () => 'T-48-I,DA06,Nhiệm vụ chuyển đến,15,notStarted'),
  },
  'POST /api/v1/imports [indicators: a new indicator]': {
    access: 'root',
    request: importing('indicators', 'code,name_vi,value_type', (n) => `IND_${n},Chỉ tiêu ${n},count`),
  },
  'POST /api/v1/imports [indicators: an indicator overwritten]': {
    access: 'root',
    request: importing('indicators', 'code,name_vi,value_type', () => 'DX_A,Tỷ lệ hồ sơ trực tuyến,percent'),
  },
  'POST /api/v1/imports [index_nodes: a new methodology]': {
    access: 'root',
    request: importing(
      'index_nodes',
      'methodology,code,parent_code,name,weight',
      (n) => `IMP-${n},ROOT,,Gốc,1`,
    ),
  },

  'POST /api/v1/plans/:code/targets [15’s plan, at a unit of 48]': {
    access: { need: 'plans:manage', over: BOTH },
    request: (n) => ({
      url: q('/plans/KH-15/targets'),
      payload: { indicator: 'DX_A', unit: '20194', period: month(n), target: 80 },
    }),
  },
  'POST /api/v1/plans/:code/targets [48’s plan, at a unit of 15]': {
    access: { need: 'plans:manage', over: BOTH },
    request: (n) => ({
      url: q('/plans/KH-48/targets'),
      payload: { indicator: 'DX_A', unit: '02647', period: month(n), target: 80 },
    }),
  },
  'POST /api/v1/plans/:code/targets [48’s plan, at 48]': {
    access: { need: 'plans:manage', over: ['48'] },
    request: (n) => ({
      url: q('/plans/KH-48/targets'),
      payload: { indicator: 'DX_A', unit: 'DN-PHONG', period: month(n), target: 80 },
    }),
  },
  'PUT /api/v1/plans/:code/targets [15’s plan, a target stored at a unit of 48]': {
    access: { need: 'plans:manage', over: BOTH },
    request: {
      url: q('/plans/KH-15/targets'),
      payload: { indicator: 'DX_B', unit: 'DN-PHONG', period: '2025', target: 81 },
    },
  },
  'GET /api/v1/plans/:code/targets/:indicator/trace [15’s plan, its only target at a unit of 48]': {
    access: { need: 'read', over: ['48'] },
    request: { url: q('/plans/KH-15/targets/DX_B/trace?period=2025') },
  },
  'PUT /api/v1/plans/:code [a plan of 15 moved to 48]': {
    access: { need: 'plans:manage', over: BOTH },
    request: { url: q('/plans/KH-MOVE'), payload: { unit: '48' } },
  },
  'PUT /api/v1/plans/:code [a plan of 48 moved to 15]': {
    access: { need: 'plans:manage', over: BOTH },
    request: { url: q('/plans/KH-48-MOVE'), payload: { unit: P } },
  },
  'PUT /api/v1/units/:code [a unit of 15 moved under 48]': {
    access: { need: 'units:manage', over: BOTH },
    request: { url: q('/units/LCI-MOVE'), payload: { parent: '48' } },
  },
  'PUT /api/v1/units/:code [a unit of 48 moved under 15]': {
    access: { need: 'units:manage', over: BOTH },
    request: { url: q('/units/DN-MOVE'), payload: { parent: P } },
  },
  'PATCH /api/v1/tasks/:code [a task of 15 moved to 48]': {
    access: { need: 'plans:manage', over: BOTH },
    request: { url: q('/tasks/T-MOVE'), payload: { leadUnit: '48' } },
  },
  'PATCH /api/v1/tasks/:code [a task of 48 moved to 15]': {
    access: { need: 'plans:manage', over: BOTH },
    request: { url: q('/tasks/T-48'), payload: { leadUnit: P } },
  },
};

const METHOD_ORDER = ['GET', 'PUT', 'PATCH', 'POST', 'DELETE'];

describe.each(TEST_DB_KINDS)('the permission matrix on %s', (kind) => {
  let db: Db;
  let app: Api;
  let ctx: AppContext;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    db = await createTestDb(kind);
    await loadSmallTree(db);
    ctx = testContext(db, () => new Date('2025-06-30T03:00:00Z'));
    const dx = await insertIndicator(db, 'DX_A', 'Tỷ lệ hồ sơ trực tuyến');
    const fibre = await insertIndicator(db, 'HAS_FIBRE', 'Có cáp quang');
    await db.query(`UPDATE indicator SET value_type = 'boolean' WHERE id = $1`, [fibre]);
    await insertIndicator(db, 'DX_B', 'Tỷ lệ B');
    await insertPlan(db, 'KH-15', P, [{ indicatorId: dx, unitCode: P }]);
    await insertPlan(db, 'KH-48', '48', [{ indicatorId: dx, unitCode: '48' }]);
    for (const [code, unit] of [
      ['KH-MOVE', P],
      ['KH-MOVE-I', P],
      ['KH-48-MOVE', '48'],
      ['KH-48-MOVE-I', '48'],
    ] as const) {
      await insertPlan(db, code, unit, []);
    }
    await db.query(`UPDATE plan SET name = 'Kế hoạch BIMAT của tỉnh' WHERE code = 'KH-15'`);
    await insertValue(db, {
      indicatorId: dx,
      unitCode: '02647',
      period: '2025Q1',
      start: '2025-01-01',
      end: '2025-03-31',
      type: 'quarter',
      value: 71,
    });
    await insertValue(db, {
      indicatorId: dx,
      unitCode: '02647',
      period: '2025Q2',
      start: '2025-04-01',
      end: '2025-06-30',
      type: 'quarter',
      value: 72,
    });
    await db.query(`UPDATE data_value SET comment = 'BIMAT: ghi chú nội bộ'`);
    await addUser(ctx, LOCAL_ADMIN, {
      login: 'reporter.p',
      displayName: 'Cán bộ BIMAT',
      password: 'bốn con ngựa chạy qua cầu',
      grants: [{ role: 'reporter', unit: '02647' }],
    });
    // Token 1, the one the revocation request names, is scoped to a commune of province 15.
    await createApiToken(ctx, LOCAL_ADMIN, { name: 'commune sync', role: 'reporter', unit: '02647' });
    await addUser(ctx, LOCAL_ADMIN, {
      login: 'login.only',
      displayName: 'Người xem Đà Nẵng',
      password: 'bốn con ngựa chạy qua cầu',
      grants: [{ role: 'viewer', unit: '48' }],
    });
    for (const caller of CALLERS) {
      if (!caller.role) continue;
      const unit = caller.scope === 'root' ? '/' : caller.scope === 'in' ? P : '48';
      const { token } = await createApiToken(ctx, LOCAL_ADMIN, {
        name: caller.label.replace(/[^\w .:/-]/g, '-'),
        role: caller.role,
        unit,
      });
      tokens.set(caller.label, token);
    }
    app = await buildServer({ ctx });
    await app.ready();
    const root = { authorization: `Bearer ${tokens.get('admin@/ (root)')}` };
    const seed = async (method: 'POST' | 'PUT', url: string, payload: unknown) => {
      const res = await app.inject({ method, url: q(url), headers: root, payload: payload as object });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    };
    await seed('POST', '/units', {
      code: 'LCI-STTTT',
      name: 'Sở Khoa học và Công nghệ',
      kind: 'agency',
      parent: P,
    });
    // Province 48's own data, behind a target the installation's administrator set on province 15's plan.
    await seed('POST', '/units', { code: 'DN-PHONG', name: 'Phòng KIN48', kind: 'agency', parent: '48' });
    await seed('POST', '/plans/KH-15/targets', {
      indicator: 'DX_B',
      unit: 'DN-PHONG',
      period: '2025',
      target: 80,
    });
    await seed('PUT', '/values', {
      indicator: 'DX_B',
      unit: 'DN-PHONG',
      period: '2025',
      value: 55,
      comment: 'KIN48: số liệu nội bộ',
    });
    // Rows that only a caller with rights over both provinces may move from one to the other.
    for (const [code, parent] of [
      ['LCI-MOVE', P],
      ['LCI-MOVE-I', P],
      ['DN-MOVE', '48'],
      ['DN-MOVE-I', '48'],
    ] as const) {
      await seed('POST', '/units', { code, name: `Phòng ${code}`, kind: 'agency', parent });
    }
    for (const [code, leadUnit] of [
      ['T-MOVE', P],
      ['T-MOVE-I', P],
      ['T-48', '48'],
      ['T-48-I', '48'],
    ] as const) {
      await seed('POST', '/tasks', { code, programme: 'DA06', title: code, leadUnit, status: 'notStarted' });
    }
    await seed('POST', '/validation-rules', {
      code: 'R0',
      nameVi: 'Quy tắc',
      leftSide: '#{DX_A}',
      operator: '<=',
      rightSide: '100',
    });
    await seed('POST', '/tasks', {
      code: 'T-P',
      programme: 'DA06',
      title: 'Nhiệm vụ BIMAT',
      leadUnit: P,
      status: 'inProgress',
    });
    await seed('POST', '/tasks', {
      code: 'PRJ-P',
      programme: 'DA06',
      title: 'Dự án BIMAT',
      kind: 'project',
      leadUnit: P,
      status: 'notStarted',
    });
    for (let n = 0; n < CALLERS.length; n++) {
      await seed('POST', '/tasks', {
        code: `T-DEL-${n}`,
        programme: 'DA06',
        title: 'Xóa bimat',
        leadUnit: P,
        status: 'notStarted',
      });
    }
    await seed('POST', '/index/templates/dti-province-922-2022/load', undefined);
    await seed('POST', '/index/methodologies/dti-province-922-2022/copy', { to: 'copy-0' });
    await applyReviewEvent(ctx, LOCAL_ADMIN, {
      plan: 'KH-15',
      period: '2025Q1',
      event: 'submit',
      units: ['02647'],
    });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('lists every /api/v1 route the server has, and no route it does not have', () => {
    const served = routeTable(app)
      .filter((r) => r.url.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.url}`);
    expect(
      served.filter((key) => !(key in MATRIX)),
      'routes missing from the matrix',
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((key) => !served.includes(key)),
      'matrix entries without a route',
    ).toEqual([]);
  });

  it('marks exactly the public routes public', () => {
    const publicRoutes = routeTable(app)
      .filter((r) => r.url.startsWith('/api/v1/') && r.public)
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    const expected = Object.entries(MATRIX)
      .filter(([, e]) => e.access === 'public')
      .map(([key]) => key)
      .sort();
    expect(publicRoutes).toEqual(expected);
  });

  const byMethod = (entries: Record<string, Entry>) =>
    Object.keys(entries).sort(
      (a, b) => METHOD_ORDER.indexOf(a.split(' ')[0] ?? '') - METHOD_ORDER.indexOf(b.split(' ')[0] ?? ''),
    );

  /** Sends an entry's request as every caller and lists what is wrong with the answers. */
  async function check(key: string, entry: Entry): Promise<string[]> {
    const method = key.split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    // Refused callers first, so a write an allowed caller makes cannot hide a missing check.
    const callers = [...CALLERS].sort(
      (a, b) => Number(allowed(entry.access, a)) - Number(allowed(entry.access, b)),
    );
    const problems: string[] = [];
    for (const [n, caller] of callers.entries()) {
      const request = typeof entry.request === 'function' ? entry.request(n) : entry.request;
      const token = tokens.get(caller.label);
      const res = await app.inject({
        method,
        url: request.url,
        headers: { ...(request.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(request.payload !== undefined ? { payload: request.payload as string } : {}),
      });
      const may = allowed(entry.access, caller);
      const status = res.statusCode;
      if (may && (status === 401 || status === 403))
        problems.push(`${caller.label}: expected access, got ${status} ${res.body.slice(0, 200)}`);
      if (!may && ![401, 403, 404].includes(status))
        problems.push(`${caller.label}: expected refusal, got ${status} ${res.body.slice(0, 200)}`);
      if (!may && caller.role === null && status !== 401)
        problems.push(`anonymous: expected 401, got ${status}`);
      const seesP = caller.scope === 'in' || caller.scope === 'root';
      if (!seesP && MARKER.test(res.body)) {
        problems.push(`${caller.label}: the response leaks province 15's data: ${res.body.slice(0, 200)}`);
      }
      const sees48 = caller.scope === 'out' || caller.scope === 'root';
      if (!sees48 && MARKER_48.test(res.body)) {
        problems.push(`${caller.label}: the response leaks province 48's data: ${res.body.slice(0, 200)}`);
      }
      if (process.env.MATRIX_DISCOVER)
        console.log(`${key} | ${caller.label} | ${status} | ${res.body.slice(0, 120)}`);
    }
    return problems;
  }

  it.each(byMethod(MATRIX))('%s', async (key) => {
    const entry = MATRIX[key];
    if (!entry) throw new Error(key);
    expect(await check(key, entry)).toEqual([]);
  });

  it('sends its variants only to routes of the table', () => {
    expect(Object.keys(VARIANTS).filter((key) => !((key.split(' [')[0] ?? '') in MATRIX))).toEqual([]);
  });

  it.each(byMethod(VARIANTS))('%s', async (key) => {
    const entry = VARIANTS[key];
    if (!entry) throw new Error(key);
    expect(await check(key, entry)).toEqual([]);
  });
});
