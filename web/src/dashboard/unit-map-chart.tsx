import { MapChart, type MapSeriesOption } from 'echarts/charts';
import { TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { init, registerMap, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { BoundaryMap } from '../api/maps';
import { NO_VALUE_COLOUR } from './map-colours';

// Only what the map uses, so the chunk stays small; SVG so that fills are plain attributes (and readable in tests).
use([MapChart, TooltipComponent, SVGRenderer]);

type MapOption = ComposeOption<MapSeriesOption | TooltipComponentOption>;

/** How one unit of the layer is drawn: its fill and the lines of its tooltip (already formatted). */
export interface MapRegion {
  code: string;
  fill: string;
  tooltip: readonly string[];
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for the tooltip's HTML: unit names come from the database and are never markup. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** The latitudes of a GeoJSON geometry's positions (nested arrays of [lon, lat]). */
function latitudes(coordinates: unknown): number[] {
  if (!Array.isArray(coordinates)) return [];
  if (typeof coordinates[1] === 'number') return [coordinates[1]];
  return coordinates.flatMap(latitudes);
}

/**
 * How much narrower a degree of longitude is than one of latitude in the middle of the layer (cos of its latitude),
 * so that shapes keep their proportions (ECharts' own default, 0.75, is China's).
 */
function aspectScale(layer: BoundaryMap): number {
  const lats = layer.features.flatMap((f) => latitudes(f.geometry['coordinates']));
  if (lats.length === 0) return 1;
  const middle = (Math.min(...lats) + Math.max(...lats)) / 2;
  return Math.cos((middle * Math.PI) / 180);
}

/**
 * The layer drawn with Apache ECharts' map series on the SVG renderer: each feature (by its bare code) filled as
 * `regions` says, a tooltip on hover or touch, no zoom or selection. It follows its box's width (a ResizeObserver),
 * so it scales down to a phone's width. The caller gives the text alternative; the drawing itself is `role="img"`.
 */
export function UnitMapChart(props: {
  mapName: string;
  layer: BoundaryMap;
  regions: readonly MapRegion[];
  label: string;
}) {
  const { mapName, layer, regions, label } = props;
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    registerMap(mapName, layer as unknown as Parameters<typeof registerMap>[1]);
    const byCode = new Map(regions.map((r) => [r.code, r]));
    const option: MapOption = {
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params) => {
          const name = Array.isArray(params) ? '' : String(params.name);
          const lines = byCode.get(name)?.tooltip ?? [];
          return lines
            .map((line, i) => (i === 0 ? `<b>${escapeHtml(line)}</b>` : escapeHtml(line)))
            .join('<br>');
        },
      },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'code',
          aspectScale: aspectScale(layer),
          roam: false,
          selectedMode: false,
          label: { show: false },
          itemStyle: { areaColor: NO_VALUE_COLOUR, borderColor: '#ffffff', borderWidth: 1 },
          emphasis: { label: { show: false }, itemStyle: { borderColor: '#1f1f1f', borderWidth: 2 } },
          data: regions.map((r) => ({
            name: r.code,
            itemStyle: { areaColor: r.fill },
            emphasis: { itemStyle: { areaColor: r.fill } },
          })),
        },
      ],
    };
    instance.setOption(option, true);
  }, [mapName, layer, regions]);

  return <div ref={box} className="unit-map-chart" role="img" aria-label={label} />;
}
