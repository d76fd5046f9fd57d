import { Alert, Radio, Select, Typography } from 'antd';
import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import {
  boundarySetOf,
  useBoundaryMap,
  useIndicatorAcrossUnits,
  type BoundaryMap,
  type BoundarySet,
  type UnitFigure,
} from '../api/maps';
import { formatFigure, formatPeriodId, formatRatio } from '../format/format';
import { useI18n, type Lang } from '../i18n/i18n';
import type { Messages } from '../i18n/vi';
import { Loading } from '../shell/route-page';
import { QueryError } from '../shell/query-error';
import { formatUnitRef } from '../../../src/domain/unit-ref.js';
import { BANDS } from '../../../src/domain/band.js';
import { BAND_COLOURS } from './band-colours';
import { NO_VALUE_COLOUR, VALUE_SCALE, valueColour } from './map-colours';
import { actualText, BandName, UnitFigures } from './unit-figures';
import { UnitMapChart, type MapRegion } from './unit-map-chart';
import './unit-map.css';

/** What the map is coloured by: the achievement band (fixed colours) or the actual (a continuous scale). */
type ColourBy = 'band' | 'value';

export interface UnitMapProps {
  plan: string;
  period: string;
  /** The unit whose children are drawn, as users write it (`pre2025:10`, `15`). */
  unit: string;
  indicators: { code: string; name: string }[];
}

/** The numeric actual of a unit, the one the value scale colours by. */
function numericActual(u: UnitFigure | undefined): number | null {
  return typeof u?.actual === 'number' ? u.actual : null;
}

/** Each feature's fill and tooltip lines: by band, or by its actual between the lowest and highest drawn. */
function mapRegions(
  layer: BoundaryMap,
  byRef: ReadonlyMap<string, UnitFigure>,
  colourBy: ColourBy,
  t: Messages,
  lang: Lang,
): { regions: MapRegion[]; range: [number, number] | null } {
  const figureOf = (code: string) => byRef.get(formatUnitRef({ set: layer.set, code }));
  const values = layer.features.flatMap((f) => {
    const v = numericActual(figureOf(f.id));
    return v === null ? [] : [v];
  });
  const range: [number, number] | null =
    values.length > 0 ? [Math.min(...values), Math.max(...values)] : null;
  const regions = layer.features.map((f) => {
    const figure = figureOf(f.id);
    const band = figure?.band ?? 'noData';
    const value = numericActual(figure);
    const fill =
      colourBy === 'band'
        ? BAND_COLOURS[band]
        : value === null || range === null
          ? NO_VALUE_COLOUR
          : valueColour(value, range[0], range[1]);
    const tooltip = [
      figure?.name ?? f.properties.name,
      `${t.map.actual}: ${actualText(figure?.actual ?? null, t, lang)}`,
      `${t.map.target}: ${figure?.target == null ? t.map.none : formatFigure(figure.target, lang)}`,
      `${t.map.ratio}: ${figure?.ratio == null ? t.map.none : formatRatio(figure.ratio, lang)}`,
      `${t.map.band}: ${t.map.bands[band]}`,
    ];
    return { code: f.id, fill, tooltip };
  });
  return { regions, range };
}

/** The legend: the bands' colours in the reader's language, or the value scale's ends and the "no value" colour. */
function MapLegend({ colourBy, range }: { colourBy: ColourBy; range: [number, number] | null }) {
  const { t, lang } = useI18n();
  return (
    <div className="unit-map-legend">
      <Typography.Text strong>{t.map.legend}</Typography.Text>
      {colourBy === 'band' ? (
        <ul>
          {BANDS.map((band) => (
            <li key={band}>
              <BandName band={band} />
            </li>
          ))}
        </ul>
      ) : (
        <ul>
          {range && (
            <li>
              <span className="unit-map-band">
                <span
                  className="unit-map-scale"
                  style={{ background: `linear-gradient(to right, ${VALUE_SCALE[0]}, ${VALUE_SCALE[1]})` }}
                  aria-hidden="true"
                />
                {t.map.scale(formatFigure(range[0], lang), formatFigure(range[1], lang))}
              </span>
            </li>
          )}
          <li>
            <span className="unit-map-band">
              <span className="unit-map-swatch" style={{ background: NO_VALUE_COLOUR }} aria-hidden="true" />
              {t.map.noValue}
            </span>
          </li>
        </ul>
      )}
    </div>
  );
}

/** How to load boundaries, shown where the children of the unit have none. */
function NoBoundaries({ set }: { set: BoundarySet | null }) {
  const { t } = useI18n();
  return (
    <Alert
      type="info"
      showIcon
      title={
        <>
          {t.map.noBoundaries} <code>dxmon maps load FILE --set {set ?? '2025'}</code> {t.map.orAdminPage}{' '}
          <Link to="/admin/maps">{t.map.adminPage}</Link>.
        </>
      }
    />
  );
}

/** The drawn map with its legend, the credit, the children without a boundary and the same figures as a table. */
function DrawnMap(props: {
  layer: BoundaryMap;
  units: readonly UnitFigure[];
  colourBy: ColourBy;
  caption: string;
  label: string;
}) {
  const { layer, units, colourBy, caption, label } = props;
  const { t, lang } = useI18n();
  const byRef = useMemo(() => new Map(units.map((u) => [u.unit, u])), [units]);
  const { regions, range } = useMemo(
    () => mapRegions(layer, byRef, colourBy, t, lang),
    [layer, byRef, colourBy, t, lang],
  );
  const without = new Set(layer.without.map((code) => formatUnitRef({ set: layer.set, code })));
  const notOnMap = units.filter((u) => without.has(u.unit));
  return (
    <figure className="unit-map-figure">
      <figcaption>{caption}</figcaption>
      <div className="unit-map-body">
        <UnitMapChart
          mapName={`dxmon:${layer.set}:${layer.parent ?? ''}`}
          layer={layer}
          regions={regions}
          label={label}
        />
        <MapLegend colourBy={colourBy} range={range} />
      </div>
      {layer.credit.length > 0 && (
        <Typography.Paragraph type="secondary" className="unit-map-credit">
          {t.map.credit(layer.credit.join('; '))}
        </Typography.Paragraph>
      )}
      {notOnMap.length > 0 && (
        <div className="unit-map-missing">
          <Typography.Text strong>{t.map.notOnMap}</Typography.Text>
          <ul>
            {notOnMap.map((u) => (
              <li key={u.unit}>
                {u.name}: {actualText(u.actual, t, lang)} · <BandName band={u.band} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <details className="unit-map-table">
        <summary>{t.map.table}</summary>
        <UnitFigures units={units} caption={caption} />
      </details>
    </figure>
  );
}

/**
 * The dashboard's map panel (docs/web.md, "The map panel"): one indicator of the plan at every child of `unit`,
 * drawn over the boundaries loaded for them and coloured by band or value, with a tooltip, a legend, the credit and
 * the figures as a table; where the children have no boundaries, how to load them and the units ranked. Its queries
 * start with 'dashboard-live', so the dashboard's live updates redraw it. Loaded lazily: ECharts is in its chunk.
 */
export default function UnitMap({ plan, period, unit, indicators }: UnitMapProps) {
  const { t, lang } = useI18n();
  const ids = useId();
  const [picked, setPicked] = useState<string | null>(null);
  const [colourBy, setColourBy] = useState<ColourBy>('band');
  const indicator = indicators.find((i) => i.code === picked)?.code ?? indicators[0]?.code ?? '';
  const set = boundarySetOf(unit);
  const across = useIndicatorAcrossUnits({ plan, indicator, period, parent: unit });
  const layer = useBoundaryMap(set, unit);

  const indicatorName = indicators.find((i) => i.code === indicator)?.name ?? indicator;
  const periodText = formatPeriodId(period, lang);
  const caption = t.map.caption(indicatorName, periodText);
  const colourName = colourBy === 'band' ? t.map.byBand : t.map.byValue;

  // A unit outside the boundary sets (an agency, written as a bare code) has no layer: the API says 400.
  const noLayer = set === null || (layer.error instanceof ApiError && layer.error.status === 400);
  let body;
  if (indicators.length === 0) body = <Typography.Paragraph>{t.map.noIndicators}</Typography.Paragraph>;
  else if (across.isError) body = <QueryError error={across.error} onRetry={() => void across.refetch()} />;
  else if (!across.data) body = <Loading />;
  else if (across.data.units.length === 0)
    body = <Typography.Paragraph>{t.map.noUnits}</Typography.Paragraph>;
  else if (layer.isError && !noLayer)
    body = <QueryError error={layer.error} onRetry={() => void layer.refetch()} />;
  else if (!noLayer && !layer.data) body = <Loading />;
  else if (noLayer || !layer.data || layer.data.features.length === 0)
    body = (
      <>
        <NoBoundaries set={set} />
        <UnitFigures units={across.data.units} caption={`${t.map.ranked}: ${caption}`} />
      </>
    );
  else
    body = (
      <DrawnMap
        layer={layer.data}
        units={across.data.units}
        colourBy={colourBy}
        caption={caption}
        label={t.map.chartLabel(indicatorName, periodText, colourName)}
      />
    );

  return (
    <section className="unit-map" aria-labelledby={`${ids}-title`}>
      <Typography.Title level={2} id={`${ids}-title`} className="unit-map-title">
        {t.map.title}
      </Typography.Title>
      <div className="unit-map-controls">
        <span className="unit-map-control">
          <label htmlFor={`${ids}-indicator`}>{t.map.indicator}</label>
          <Select
            id={`${ids}-indicator`}
            className="unit-map-select"
            value={indicator || undefined}
            onChange={(value: string) => setPicked(value)}
            options={indicators.map((i) => ({ value: i.code, label: i.name }))}
            disabled={indicators.length === 0}
            popupMatchSelectWidth={false}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </span>
        <span className="unit-map-control">
          <span id={`${ids}-colour`}>{t.map.colourBy}</span>
          <Radio.Group
            aria-labelledby={`${ids}-colour`}
            optionType="button"
            value={colourBy}
            onChange={(e) => setColourBy(e.target.value as ColourBy)}
            options={[
              { label: t.map.byBand, value: 'band' },
              { label: t.map.byValue, value: 'value' },
            ]}
          />
        </span>
      </div>
      {body}
    </section>
  );
}
