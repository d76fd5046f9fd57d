import { z } from 'zod';
import { PERIOD_EXAMPLES, PERIOD_TEXT_LENGTH } from '../domain/period.js';

/** The period forms as the API's descriptions list them: `2024, 2024S1, 2024Q2, 202406`. */
export const PERIOD_FORMS_TEXT = Object.values(PERIOD_EXAMPLES).join(', ');

/**
 * The schema of a period in a query, a path or a body: a text of the lengths a period identifier may have
 * (domain/period.ts `PERIOD_TEXT_LENGTH`), read by `parsePeriod` in the use case. With `what`, the OpenAPI
 * description names it and lists the forms (`what: 2024, 2024S1, 2024Q2, 202406`).
 */
export function periodText(what?: string) {
  const text = z.string().min(PERIOD_TEXT_LENGTH.min).max(PERIOD_TEXT_LENGTH.max);
  return what === undefined ? text : text.meta({ description: `${what}: ${PERIOD_FORMS_TEXT}` });
}
