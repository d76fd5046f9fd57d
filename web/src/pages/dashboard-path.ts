/** The app's address of a plan's dashboard at a period and unit (either left to the server's choice when null). */
export function dashboardPath(plan: string, period: string | null, unit: string | null): string {
  const query = new URLSearchParams();
  if (period) query.set('period', period);
  if (unit) query.set('unit', unit);
  const search = query.toString();
  return `/plans/${encodeURIComponent(plan)}${search ? `?${search}` : ''}`;
}
