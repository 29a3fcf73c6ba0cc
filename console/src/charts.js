// ECharts, only the parts the console draws (bar charts on a canvas), so the pages with
// charts load a fraction of the library and the others none of it.
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "preact/hooks";
import { html } from "./ui.js";

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export function Chart({ option, id, label, height }) {
  const ref = useRef(null);
  useEffect(() => {
    const chart = echarts.init(ref.current, null, { renderer: "canvas" });
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    ref.current.dataset.drawn = "1";
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [JSON.stringify(option)]);
  return html`<div class="chart" id=${id} ref=${ref} role="img" aria-label=${label}
    style=${height ? `height:${height}px` : ""}></div>`;
}

// Horizontal bars with the value at each bar's end.
export function bars(names, values, { color = "#0b5cad", unit = "" } = {}) {
  return {
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", axisLabel: { show: false }, splitLine: { show: false } },
    yAxis: { type: "category", data: names, inverse: true, axisLabel: { width: 110, overflow: "truncate" } },
    series: [
      {
        type: "bar",
        data: values,
        itemStyle: { color },
        barMaxWidth: 18,
        label: { show: true, position: "right", formatter: `{c}${unit}` },
      },
    ],
  };
}

// Grouped vertical bars (one series per measure), values on top.
export function columns(categories, series) {
  return {
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: categories, axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0 } },
    yAxis: { type: "value", minInterval: 1 },
    series: series.map((s) => ({
      type: "bar",
      name: s.name,
      data: s.data,
      barMaxWidth: 22,
      label: { show: true, position: "top", fontSize: 11 },
    })),
  };
}
