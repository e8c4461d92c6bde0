import { useEffect, useRef } from 'react';
import { useLocation } from 'wouter';

export interface ChartBar {
  label: string;
  /** One value per series (one series: a plain bar chart; several: stacked). */
  values: number[];
  href: string;
}

interface Props {
  bars: ChartBar[];
  series: Array<{ name: string; color: string }>;
  height?: number;
}

// A bar chart drawn by ECharts (the library libs/reports draws its PDF charts with), loaded with
// the page that needs it and rendered as SVG without animation: no inline <style> for the CSP to
// refuse. A click on a bar opens its alerts. The chart is decoration for sighted readers: the
// same figures, with their links, are in the table beside it (aria-hidden here). A bar of one
// alert beside one of hundreds keeps a few pixels, so it can still be seen and clicked.
export function BarChart({ bars, series, height = 240 }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [, navigate] = useLocation();
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | null = null;
    const resize = () => chart?.resize();
    void import('./echarts-bars').then(({ init }) => {
      if (disposed || !box.current) return;
      const c = init(box.current, null, { renderer: 'svg' });
      c.setOption({
        animation: false,
        textStyle: { fontFamily: 'inherit' },
        grid: { left: 8, right: 8, top: series.length > 1 ? 30 : 10, bottom: 8, containLabel: true },
        legend: series.length > 1 ? { data: series.map((s) => s.name), top: 0, itemGap: 20 } : undefined,
        xAxis: { type: 'category', data: bars.map((b) => b.label), axisLabel: { interval: 'auto', hideOverlap: true } },
        yAxis: { type: 'value', minInterval: 1 },
        series: series.map((s, i) => ({ type: 'bar', name: s.name, stack: series.length > 1 ? 'all' : undefined, itemStyle: { color: s.color }, data: bars.map((b) => b.values[i] ?? 0), cursor: 'pointer', barMinHeight: series.length > 1 ? 0 : 4 })),
      });
      c.on('click', (e: { dataIndex?: number }) => {
        const bar = e.dataIndex === undefined ? undefined : bars[e.dataIndex];
        if (bar) navigate(bar.href);
      });
      chart = c;
      window.addEventListener('resize', resize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [bars, series, navigate]);
  return <div ref={box} className="bar-chart" aria-hidden="true" style={{ height }} data-testid="bar-chart" />;
}
