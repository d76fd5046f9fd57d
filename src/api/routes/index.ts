import type { RegisterRoutes } from '../api-types.js';
import { auditRoutes } from './audit.routes.js';
import { catalogueRoutes } from './catalogue.routes.js';
import { evaluationRoutes } from './evaluation.routes.js';
import { healthRoutes } from './health.routes.js';
import { importsRoutes } from './imports.routes.js';
import { mapsRoutes } from './maps.routes.js';
import { compositeIndexRoutes } from './composite-index.routes.js';
import { dashboardRoutes } from './dashboard.routes.js';
import { dataVersionRoutes } from './data-version.routes.js';
import { plansRoutes } from './plans.routes.js';
import { publicRoutes } from './public.routes.js';
import { registersRoutes } from './registers.routes.js';
import { reportRoutes } from './report.routes.js';
import { reviewsRoutes } from './reviews.routes.js';
import { rollupRoutes } from './rollup.routes.js';
import { sessionRoutes } from './session.routes.js';
import { tasksRoutes } from './tasks.routes.js';
import { tokensRoutes } from './tokens.routes.js';
import { unitsRoutes } from './units.routes.js';
import { usersRoutes } from './users.routes.js';
import { valuesRoutes } from './values.routes.js';

/** Every route module of /api/v1, in the order they are registered. */
export const ROUTES: readonly RegisterRoutes[] = [
  healthRoutes,
  dataVersionRoutes,
  unitsRoutes,
  tasksRoutes,
  registersRoutes,
  catalogueRoutes,
  plansRoutes,
  valuesRoutes,
  sessionRoutes,
  usersRoutes,
  tokensRoutes,
  reviewsRoutes,
  auditRoutes,
  publicRoutes,
  evaluationRoutes,
  dashboardRoutes,
  mapsRoutes,
  rollupRoutes,
  reportRoutes,
  compositeIndexRoutes,
  importsRoutes,
];
