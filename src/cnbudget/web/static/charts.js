// Charts of the department and ranking pages (ECharts, shipped in static/vendor).
"use strict";

function drawCharts() {
  const holder = document.getElementById("charts");
  if (!holder || !window.echarts) { return; }
  const data = JSON.parse(holder.dataset.chart);
  holder.querySelectorAll("[data-series]").forEach((el) => {
    const series = data.series[el.dataset.series] || [];
    window.echarts.init(el).setOption({
      animation: false,
      tooltip: {trigger: "axis"},
      legend: {data: series.map((s) => s.name)},
      xAxis: {type: "category", data: data.years},
      yAxis: {type: "value", name: "万元"},
      series: series.map((s) => ({name: s.name, type: el.dataset.type || "line", data: s.data})),
    });
  });
  holder.querySelectorAll("[data-treemap]").forEach((el) => {
    window.echarts.init(el).setOption({
      animation: false,
      title: {text: data.treemap_year + " 年（点击一类看其款、项）", left: "center"},
      tooltip: {formatter: "{b}：{c} 万元"},
      series: [{type: "treemap", data: data.treemap, roam: false, leafDepth: 1,
                name: "功能分类", breadcrumb: {show: true},
                label: {show: true, formatter: "{b}", color: "#fff", fontSize: 13},
                levels: [{itemStyle: {borderWidth: 2, gapWidth: 2}},
                         {itemStyle: {gapWidth: 1}}, {}]}],
    });
  });
  holder.querySelectorAll("[data-ranking]").forEach((el) => {
    el.style.height = Math.max(240, data.names.length * 28) + "px";
    window.echarts.init(el).setOption({
      animation: false, tooltip: {}, grid: {left: 200},
      xAxis: {type: "value", name: "万元"},
      yAxis: {type: "category", data: data.names.slice().reverse()},
      series: [{type: "bar", data: data.values.slice().reverse()}],
    });
  });
}

document.addEventListener("DOMContentLoaded", drawCharts);
