import type { RegisterCommand } from '../main.js';
import { registerIndicators } from './indicators.command.js';
import { registerMigrate } from './migrate.command.js';
import { registerOpenapi } from './openapi.command.js';
import { registerPlans } from './plans.command.js';
import { registerReview } from './review.command.js';
import { registerServe } from './serve.command.js';
import { registerTargets } from './targets.command.js';
import { registerTokens } from './tokens.command.js';
import { registerUnits } from './units.command.js';
import { registerUsers } from './users.command.js';
import { registerValues } from './values.command.js';

/** Every dxmon command, in the order `dxmon --help` lists them. */
export const COMMANDS: readonly RegisterCommand[] = [
  registerServe,
  registerMigrate,
  registerUnits,
  registerIndicators,
  registerPlans,
  registerTargets,
  registerValues,
  registerReview,
  registerUsers,
  registerTokens,
  registerOpenapi,
];
