// ECharts with only what the workspace draws (bars, pies) and the SVG renderer: a small bundle.
import * as echarts from "echarts/core";
import { BarChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };
export type ChartOption = echarts.EChartsCoreOption;

/** Colours of the workspace: red for what is owed or late, green for what is done or paid. */
export const COLOURS = {
  done: "#67c23a",
  open: "#409eff",
  late: "#f56c6c",
  owed: "#e6a23c",
  paid: "#67c23a",
  steps: ["#409eff", "#e6a23c", "#f56c6c", "#8e1b1b"],
};

/** A chart's number from an API decimal string (bar lengths only; labels keep the exact text). */
export const plotted = (value: string | number | null | undefined): number => Number(value ?? 0);
