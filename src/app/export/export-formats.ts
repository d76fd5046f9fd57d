/** The formats values are exported in (a module of its own: the command line lists them without loading the writers). */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'dhis2'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
