import { z } from 'zod';
import { PERIOD_EXAMPLES, PERIOD_INPUT_MAX } from '../domain/period.js';

/** The period forms as the API's descriptions list them: `2024, 2024S1, 2024Q2, 202406`. */
export const PERIOD_FORMS_TEXT = Object.values(PERIOD_EXAMPLES).join(', ');

/**
 * The schema of a period in a query, a path or a body: any text up to `PERIOD_INPUT_MAX` characters
 * (domain/period.ts), read by `parsePeriod` in the use case, whose message says what is wrong with it and names the
 * forms. With `what`, the OpenAPI description names it and lists the forms (`what: 2024, 2024S1, 2024Q2, 202406`).
 */
export function periodText(what?: string) {
  const text = z.string().max(PERIOD_INPUT_MAX);
  return what === undefined ? text : text.meta({ description: `${what}: ${PERIOD_FORMS_TEXT}` });
}
