import { formatNumber } from '../../../src/domain/format-number.js';
import type { DashboardTarget } from '../api/types';
import { formatPeriodId } from '../format/format';
import { useI18n } from '../i18n/i18n';

const WIDTH = 80;
const HEIGHT = 24;

/** A target's recorded periods as a small line (numbers only; a milestone's yes/no is not drawn), with its words. */
export function Sparkline({ trend }: { trend: DashboardTarget['trend'] }) {
  const { t, lang } = useI18n();
  const words = trend
    .map((p) => {
      const v = p.actual;
      const text = v === null ? '—' : typeof v === 'boolean' ? (v ? '✓' : '✗') : formatNumber(v, lang);
      return `${formatPeriodId(p.period, lang)} ${text}`;
    })
    .join('; ');
  const numbers = trend.map((p) => (typeof p.actual === 'number' ? p.actual : null));
  const known = numbers.filter((v): v is number => v !== null);
  if (known.length === 0) return <span className="sparkline-none">{t.dashboard.trendNone}</span>;
  const min = Math.min(...known);
  const max = Math.max(...known);
  const span = max - min || 1;
  const step = numbers.length > 1 ? WIDTH / (numbers.length - 1) : 0;
  const points = numbers.flatMap((v, i) =>
    v === null
      ? []
      : [{ x: numbers.length > 1 ? i * step : WIDTH / 2, y: HEIGHT - 3 - ((v - min) / span) * (HEIGHT - 6) }],
  );
  const last = points[points.length - 1];
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={t.dashboard.trend(words)}
    >
      <title>{t.dashboard.trend(words)}</title>
      {points.length > 1 && (
        <polyline
          fill="none"
          stroke="#0b57d0"
          strokeWidth="1.5"
          points={points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}
        />
      )}
      {last && <circle cx={last.x} cy={last.y} r="2.5" fill="#0b57d0" />}
    </svg>
  );
}
