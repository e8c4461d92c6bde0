import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// The part of ECharts the Reports page draws with (bars, axes, a legend, SVG), loaded with it.
use([BarChart, GridComponent, LegendComponent, SVGRenderer]);

export { init };
