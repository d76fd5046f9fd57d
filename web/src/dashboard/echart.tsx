import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the dashboard draws: bar charts on a grid with tooltips, rendered as SVG (sharp at any size, and its
// shapes are in the page for tests). Other charts (the map) add their own parts where they are used.
echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export { echarts };

/**
 * An Apache ECharts chart in a div. `label` is its text alternative (role="img"): every chart of the app says in
 * words what it draws, and the same figures are also written out beside it.
 */
export function EChart({
  option,
  label,
  height,
}: {
  option: echarts.EChartsCoreOption;
  label: string;
  height: number;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!element.current) return undefined;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={element} role="img" aria-label={label} className="echart" style={{ height }} />;
}
