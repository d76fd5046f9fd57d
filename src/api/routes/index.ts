import type { RegisterRoutes } from '../api-types.js';
import { auditRoutes } from './audit.routes.js';
import { healthRoutes } from './health.routes.js';
import { publicRoutes } from './public.routes.js';
import { reviewsRoutes } from './reviews.routes.js';
import { sessionRoutes } from './session.routes.js';
import { tokensRoutes } from './tokens.routes.js';
import { unitsRoutes } from './units.routes.js';
import { usersRoutes } from './users.routes.js';

/** Every route module of /api/v1, in the order they are registered. */
export const ROUTES: readonly RegisterRoutes[] = [
  healthRoutes,
  unitsRoutes,
  sessionRoutes,
  usersRoutes,
  tokensRoutes,
  reviewsRoutes,
  auditRoutes,
  publicRoutes,
];
