/** How long an API token may live, in days, and how long it lives unless told (light: the command line's help shows them). */
export const MAX_TOKEN_DAYS = 366;
export const DEFAULT_TOKEN_DAYS = 90;
