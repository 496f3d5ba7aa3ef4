/* 考核 ranking charts: the page carries the scores as JSON (#assessment-data); the same numbers are in the tables.
   Plain script, no build step. */
(function () {
  'use strict';
  var source = document.getElementById('assessment-data');
  if (!source || typeof echarts === 'undefined') {
    return;
  }
  var d = JSON.parse(source.textContent);

  function ranking(id, rows) {
    var element = document.getElementById(id);
    if (!element || rows.length === 0) {
      return null;
    }
    var top = rows.slice(0, 20).reverse();
    // every name on its own line: the height grows with the rows instead of ECharts skipping every other name
    element.style.height = Math.max(160, top.length * 22 + 40) + 'px';
    var c = echarts.init(element, null, { renderer: 'canvas' });
    c.setOption({
      animation: false, textStyle: { fontFamily: 'inherit' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 10, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', axisLabel: { interval: 0 }, data: top.map(function (r) { return r.name; }) },
      series: [{ name: '得分', type: 'bar', barMaxWidth: 22, itemStyle: { color: '#2b6cb0' },
        label: { show: true, position: 'right' }, data: top.map(function (r) { return Number(r.score); }) }]
    });
    return c;
  }

  var charts = [ranking('chart-units', d.units), ranking('chart-people', d.people)].filter(Boolean);
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
}());
