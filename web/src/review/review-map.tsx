import { Typography } from 'antd';
import { useMemo } from 'react';
import { formatUnitRef } from '../../../src/domain/unit-ref.js';
import { boundarySetOf, useBoundaryMap } from '../api/maps';
import type { ReviewItem } from '../api/reviews';
import { UnitMapChart, type MapRegion } from '../dashboard/unit-map-chart';
import '../dashboard/unit-map.css';
import { formatCount, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { Loading } from '../shell/route-page';
import { shownState, SHOWN_STATES, STATE_COLOURS, type ShownState } from './review-state';

/**
 * The inbox's units on the map of the children of `under` (docs/web.md, "The review inbox"): each filled with its
 * review state's colour (the table's), with its state, its changes since the last approval and its last submission
 * on hover, and a legend. Without boundaries for those units it says so (the table above lists every state).
 */
export default function ReviewMap({ under, units }: { under: string; units: readonly ReviewItem[] }) {
  const { t, lang } = useI18n();
  const set = boundarySetOf(under);
  const layer = useBoundaryMap(set, under);
  const regions = useMemo((): MapRegion[] => {
    if (!layer.data) return [];
    const byRef = new Map(units.map((u) => [u.unit, u]));
    const { set: layerSet } = layer.data;
    return layer.data.features.flatMap((f) => {
      const item = byRef.get(formatUnitRef({ set: layerSet, code: f.id }));
      if (!item) return [];
      const state = shownState(item);
      return [
        {
          code: f.id,
          fill: STATE_COLOURS[state],
          tooltip: [
            item.unitName,
            t.review.states[state],
            t.review.mapChanged(formatCount(item.changedSinceApproval, lang)),
            ...(item.lastSubmittedAt ? [formatTime(new Date(item.lastSubmittedAt))] : []),
          ],
        },
      ];
    });
  }, [layer.data, units, t, lang]);

  if (set !== null && layer.isPending) return <Loading />;
  if (!layer.data || regions.length === 0) {
    return <Typography.Paragraph data-testid="review-map-none">{t.review.mapNone}</Typography.Paragraph>;
  }
  const counts = new Map<ShownState, number>();
  for (const u of units) counts.set(shownState(u), (counts.get(shownState(u)) ?? 0) + 1);
  const summary = SHOWN_STATES.filter((s) => counts.has(s))
    .map((s) => t.review.mapCount(formatCount(counts.get(s) ?? 0, lang), t.review.states[s]))
    .join('; ');
  return (
    <figure className="unit-map-figure" data-testid="review-map">
      <div className="unit-map-body">
        <UnitMapChart
          mapName={`review:${layer.data.set}:${under}`}
          layer={layer.data}
          regions={regions}
          label={t.review.mapLabel(summary)}
        />
        <div className="unit-map-legend">
          <Typography.Text strong>{t.review.mapLegend}</Typography.Text>
          <ul>
            {SHOWN_STATES.map((s) => (
              <li key={s}>
                <span
                  className="unit-map-swatch"
                  style={{ background: STATE_COLOURS[s] }}
                  aria-hidden="true"
                />
                {t.review.states[s]}
              </li>
            ))}
          </ul>
        </div>
      </div>
      {layer.data.credit.length > 0 && (
        <Typography.Paragraph type="secondary" className="unit-map-credit">
          {t.map.credit(layer.data.credit.join('; '))}
        </Typography.Paragraph>
      )}
    </figure>
  );
}
