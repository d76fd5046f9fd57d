import type { RegisterCommand } from '../main.js';
import { registerMigrate } from './migrate.command.js';
import { registerOpenapi } from './openapi.command.js';
import { registerServe } from './serve.command.js';
import { registerUnits } from './units.command.js';

/** Every dxmon command, in the order `dxmon --help` lists them. */
export const COMMANDS: readonly RegisterCommand[] = [
  registerServe,
  registerMigrate,
  registerUnits,
  registerOpenapi,
];
