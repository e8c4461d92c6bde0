import * as echarts from 'echarts';
import type { RouteDelivery } from '../alert-report';

// Cells on air over time, per route, as percent of the route's targeted cells, from the release
// (or the first transmission when there was none). Rendered server-side to SVG by ECharts' SSR
// renderer: no browser, no canvas.
export function deliveryChartSvg(routes: readonly RouteDelivery[], releasedAt: string | null, size = { width: 500, height: 220 }): string {
  const starts = routes.flatMap((r) => r.progress.curve.map((p) => Date.parse(p.at)));
  const t0 = releasedAt ? Date.parse(releasedAt) : Math.min(...starts);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      animation: false,
      legend: { top: 0, right: 10, textStyle: { fontSize: 10 } },
      grid: { left: 50, right: 20, top: 40, bottom: 40 },
      xAxis: { type: 'value', name: 's after release', nameLocation: 'middle', nameGap: 25, min: 0 },
      yAxis: { type: 'value', name: '% on air', min: 0, max: 100 },
      series: routes.map((r) => ({
        name: r.routeId,
        type: 'line',
        step: 'end',
        showSymbol: false,
        data: [[0, 0], ...r.progress.curve.map((p) => [(Date.parse(p.at) - t0) / 1000, r.targeted === 0 ? 0 : (100 * p.cells) / r.targeted])],
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
