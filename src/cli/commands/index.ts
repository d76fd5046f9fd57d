import type { RegisterCommand } from '../main.js';
import { registerEvaluate } from './evaluate.command.js';
import { registerExport } from './export.command.js';
import { registerImport } from './import.command.js';
import { registerCompositeIndex } from './composite-index.command.js';
import { registerIndicators } from './indicators.command.js';
import { registerMaps } from './maps.command.js';
import { registerMigrate } from './migrate.command.js';
import { registerOpenapi } from './openapi.command.js';
import { registerPlans } from './plans.command.js';
import { registerRegisters } from './registers.command.js';
import { registerReport } from './report.command.js';
import { registerReview } from './review.command.js';
import { registerRollup } from './rollup.command.js';
import { registerServe } from './serve.command.js';
import { registerTargets } from './targets.command.js';
import { registerTasks } from './tasks.command.js';
import { registerTemplate } from './template.command.js';
import { registerTokens } from './tokens.command.js';
import { registerUnits } from './units.command.js';
import { registerUsers } from './users.command.js';
import { registerValues } from './values.command.js';

/** Every dxmon command, in the order `dxmon --help` lists them. */
export const COMMANDS: readonly RegisterCommand[] = [
  registerServe,
  registerMigrate,
  registerRollup,
  registerUnits,
  registerMaps,
  registerIndicators,
  registerPlans,
  registerTargets,
  registerValues,
  registerImport,
  registerTemplate,
  registerExport,
  registerTasks,
  registerRegisters,
  registerEvaluate,
  registerReport,
  registerCompositeIndex,
  registerReview,
  registerUsers,
  registerTokens,
  registerOpenapi,
];
