import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Messages } from './i18n/vi';

/**
 * Who may open a route: `public` anyone (signed in or not); `passwordChange` a signed-in user, also one who must
 * change their password first; `signedIn` a signed-in user whose password needs no change.
 */
export type RouteAccess = 'public' | 'passwordChange' | 'signedIn';

/** One page of the app: its path (react-router syntax), who may open it, its title and its component. */
export interface AppRoute {
  path: string;
  access: RouteAccess;
  /** The page's title (the tab shows "<title> — DX Monitor"). */
  title: (t: Messages) => string;
  /** Loaded when first opened, in its own chunk (the first page loads only the shell). */
  page: LazyExoticComponent<ComponentType>;
}

/**
 * The routes table (docs/web.md, "How to add a page"): add a page here and in the catalogues; the shell gives it
 * the layout, the access check, the title and the loading state. The not-found page stays last.
 */
export const ROUTES: readonly AppRoute[] = [
  {
    path: '/sign-in',
    access: 'public',
    title: (t) => t.signIn.title,
    page: lazy(() => import('./pages/sign-in-page')),
  },
  {
    path: '/change-password',
    access: 'passwordChange',
    title: (t) => t.changePassword.title,
    page: lazy(() => import('./pages/change-password-page')),
  },
  {
    path: '/',
    access: 'signedIn',
    title: (t) => t.home.title,
    page: lazy(() => import('./pages/home-page')),
  },
  {
    path: '/plans',
    access: 'signedIn',
    title: (t) => t.home.title,
    page: lazy(() => import('./pages/plans-page')),
  },
  {
    path: '/plans/:code',
    access: 'signedIn',
    title: (t) => t.plan.titleFallback,
    page: lazy(() => import('./pages/dashboard-page')),
  },
  {
    path: '/plans/:code/reviews',
    access: 'signedIn',
    title: (t) => t.review.title,
    page: lazy(() => import('./pages/review-page')),
  },
  {
    path: '/public',
    access: 'public',
    title: (t) => t.publicPage.title,
    page: lazy(() => import('./pages/public-plans-page')),
  },
  {
    path: '/public/plans/:code',
    access: 'public',
    title: (t) => t.publicPage.planTitle,
    page: lazy(() => import('./pages/public-dashboard-page')),
  },
  {
    path: '/admin/maps',
    access: 'signedIn',
    title: (t) => t.mapsAdmin.title,
    page: lazy(() => import('./pages/maps-admin-page')),
  },
  {
    path: '/entry',
    access: 'signedIn',
    title: (t) => t.entry.title,
    page: lazy(() => import('./pages/entry-page')),
  },
  {
    path: '/entry/registers',
    access: 'signedIn',
    title: (t) => t.entry.grid.title,
    page: lazy(() => import('./pages/register-grid-page')),
  },
  {
    path: '/entry/upload',
    access: 'signedIn',
    title: (t) => t.upload.title,
    page: lazy(() => import('./pages/upload-page')),
  },
  {
    path: '/registers',
    access: 'signedIn',
    title: (t) => t.registers.title,
    page: lazy(() => import('./pages/registers-page')),
  },
  {
    path: '/registers/:indicator',
    access: 'signedIn',
    title: (t) => t.registers.title,
    page: lazy(() => import('./pages/register-page')),
  },
  {
    path: '/plans/:code/report',
    access: 'signedIn',
    title: (t) => t.report.title,
    page: lazy(() => import('./pages/report-page')),
  },
  {
    path: '/index',
    access: 'signedIn',
    title: (t) => t.compositeIndex.title,
    page: lazy(() => import('./pages/index-list-page')),
  },
  {
    path: '/index/:code',
    access: 'signedIn',
    title: (t) => t.compositeIndex.methodologyTitle,
    page: lazy(() => import('./pages/index-methodology-page')),
  },
  {
    path: '/index/:code/ranking',
    access: 'signedIn',
    title: (t) => t.compositeIndex.rankingPageTitle,
    page: lazy(() => import('./pages/index-ranking-page')),
  },
  {
    path: '/tasks',
    access: 'signedIn',
    title: (t) => t.tasks.title,
    page: lazy(() => import('./pages/tasks-page')),
  },
  {
    path: '/tasks/:code',
    access: 'signedIn',
    title: (t) => t.tasks.title,
    page: lazy(() => import('./pages/task-page')),
  },
  {
    path: '/projects',
    access: 'signedIn',
    title: (t) => t.tasks.projects.title,
    page: lazy(() => import('./pages/projects-page')),
  },
  {
    path: '/plans/new',
    access: 'signedIn',
    title: (t) => t.targets.newTitle,
    page: lazy(() => import('./pages/plan-settings-page')),
  },
  {
    path: '/plans/:code/settings',
    access: 'signedIn',
    title: (t) => t.targets.settingsTitle,
    page: lazy(() => import('./pages/plan-settings-page')),
  },
  {
    path: '/plans/:code/targets',
    access: 'signedIn',
    title: (t) => t.targets.gridTitle,
    page: lazy(() => import('./pages/target-grid-page')),
  },
  {
    path: '/catalogue',
    access: 'signedIn',
    title: (t) => t.catalogue.title,
    page: lazy(() => import('./pages/catalogue-page')),
  },
  {
    path: '/admin/users',
    access: 'signedIn',
    title: (t) => t.admin.users.title,
    page: lazy(() => import('./pages/users-admin-page')),
  },
  {
    path: '/admin/tokens',
    access: 'signedIn',
    title: (t) => t.admin.tokens.title,
    page: lazy(() => import('./pages/tokens-admin-page')),
  },
  {
    path: '/admin/audit',
    access: 'signedIn',
    title: (t) => t.admin.audit.title,
    page: lazy(() => import('./pages/audit-page')),
  },
  {
    path: '*',
    access: 'public',
    title: (t) => t.notFound.title,
    page: lazy(() => import('./pages/not-found-page')),
  },
];
