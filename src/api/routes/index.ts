import type { RegisterRoutes } from '../api-types.js';
import { healthRoutes } from './health.routes.js';
import { unitsRoutes } from './units.routes.js';

/** Every route module of /api/v1, in the order they are registered. */
export const ROUTES: readonly RegisterRoutes[] = [healthRoutes, unitsRoutes];
