import { Button, Card, Typography } from 'antd';
import { useMemo } from 'react';
import { bandPhrase, shareOf, type Band } from '../../../src/domain/band.js';
import { formatPercent } from '../../../src/domain/format-number.js';
import type { Dashboard } from '../api/types';
import { formatCount } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { BAND_COLOURS } from './band-colours';
import { EChart } from './echart';
import type { OpenTrace } from './trace-drawer';

/** The bands a summary lists: the four of the committee's phrases, and "no data" only when some target has none. */
function shownBands(d: Dashboard): Dashboard['bands'] {
  return d.bands.filter((b) => b.band !== 'noData' || b.count > 0);
}

/**
 * The band counts as a chart and as the committee's sentence ("8 chỉ tiêu hoàn thành và vượt kế hoạch giao; …"),
 * with the share met or exceeded ("8/24, đạt 33,3%"); each count opens the targets it counts.
 */
export function BandSummary({ dashboard, onTrace }: { dashboard: Dashboard; onTrace?: OpenTrace }) {
  const { t, lang } = useI18n();
  const bands = shownBands(dashboard);
  const phrase = (band: Band) => bandPhrase(band, lang, dashboard.boundaries);
  const lines = bands.map((b) => t.dashboard.bandLine(formatCount(b.count, lang), phrase(b.band)));
  const share = shareOf(dashboard.share.a, dashboard.share.b);
  const shareText =
    share.percent === null
      ? `${formatCount(share.a, lang)}/${formatCount(share.b, lang)}`
      : `${formatCount(share.a, lang)}/${formatCount(share.b, lang)}, ${lang === 'vi' ? 'đạt ' : ''}${formatPercent(share.percent, lang)}`;
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: bands.map((b) => t.dashboard.bands[b.band]) },
      series: [
        {
          type: 'bar',
          data: bands.map((b) => ({ value: b.count, itemStyle: { color: BAND_COLOURS[b.band] } })),
          label: { show: true, position: 'right' },
          barMaxWidth: 28,
        },
      ],
    }),
    [bands, t],
  );
  const targetsOf = (band: Band) => dashboard.targets.filter((x) => x.band === band);
  return (
    <Card className="dashboard-card" title={<h2 className="card-title">{t.dashboard.bandsTitle}</h2>}>
      <div className="band-summary">
        <EChart
          option={option}
          label={t.dashboard.bandsChart(lines.join('; '))}
          height={48 * bands.length + 24}
        />
        <div>
          <ul className="band-lines" data-testid="band-lines">
            {bands.map((b, i) => (
              <li key={b.band}>
                <span className="band-dot" style={{ background: BAND_COLOURS[b.band] }} aria-hidden="true" />
                {onTrace ? (
                  <Button
                    type="link"
                    className="figure-link"
                    aria-label={t.dashboard.openTrace(lines[i] ?? '')}
                    onClick={() =>
                      onTrace({
                        kind: 'targets',
                        title: lines[i] ?? '',
                        targets: targetsOf(b.band),
                        link: b.trace,
                      })
                    }
                  >
                    {lines[i]}
                  </Button>
                ) : (
                  lines[i]
                )}
              </li>
            ))}
          </ul>
          <p className="band-share">
            {t.dashboard.share}:{' '}
            {onTrace ? (
              <Button
                type="link"
                className="figure-link"
                aria-label={t.dashboard.openTrace(`${t.dashboard.share} ${shareText}`)}
                onClick={() =>
                  onTrace({
                    kind: 'targets',
                    title: `${t.dashboard.share}: ${shareText}`,
                    targets: targetsOf('exceeded'),
                    link: dashboard.share.trace,
                  })
                }
              >
                <strong data-testid="band-share">{shareText}</strong>
              </Button>
            ) : (
              <strong data-testid="band-share">{shareText}</strong>
            )}
          </p>
          <Typography.Text type="secondary">
            {t.dashboard.total(formatCount(dashboard.total, lang))}
          </Typography.Text>
        </div>
      </div>
    </Card>
  );
}
