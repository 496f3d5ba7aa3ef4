/* 督办台 charts: the page carries its figures as JSON (#dashboard-data); the same numbers are in the tables below
   each chart. Plain script, no build step. */
(function () {
  'use strict';
  var source = document.getElementById('dashboard-data');
  if (!source || typeof echarts === 'undefined') {
    return;
  }
  var d = JSON.parse(source.textContent);
  var colours = { green: '#2f855a', yellow: '#d69e2e', red: '#c53030', grey: '#718096', brown: '#744210', blue: '#2b6cb0' };
  var units = d.units.map(function (u) { return u.unitName; });
  var base = { textStyle: { fontFamily: 'inherit' }, animation: false };
  var charts = [];
  // on a phone the unit names do not fit side by side: slant them (the grid then makes room for them)
  var narrow = function (id) {
    var element = document.getElementById(id);
    return element && element.clientWidth / Math.max(units.length, 1) < 64;
  };
  var slant = function (id) { return narrow(id) ? 45 : (units.length > 6 ? 30 : 0); };

  function chart(id, option) {
    var element = document.getElementById(id);
    if (!element) {
      return;
    }
    var c = echarts.init(element, null, { renderer: 'canvas' });
    c.setOption(Object.assign({}, base, option));
    charts.push(c);
  }

  function bars(name, key, colour) {
    return { name: name, type: 'bar', stack: 'open', barMaxWidth: 28, itemStyle: { color: colour },
      data: d.units.map(function (u) { return u[key]; }) };
  }

  chart('chart-open', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 12, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: units, axisLabel: { interval: 0, rotate: slant('chart-open') } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [bars('绿灯', 'green', colours.green), bars('黄灯', 'yellow', colours.yellow), bars('红灯', 'red', colours.red)]
  });

  chart('chart-rate', {
    tooltip: { trigger: 'axis', valueFormatter: function (v) { return v == null ? '本期无销号' : v + '%'; } },
    grid: { left: 8, right: 12, top: 20, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: units, axisLabel: { interval: 0, rotate: slant('chart-rate') } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{ name: '按期销号率', type: 'bar', barMaxWidth: 28, itemStyle: { color: colours.blue },
      label: { show: true, position: 'top', formatter: function (p) { return p.value == null ? '' : p.value + '%'; } },
      data: d.units.map(function (u) { return u.onTimeRate; }) }]
  });

  var ranked = d.overdueUnits.slice(0, 10).reverse();
  chart('chart-overdue', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: ranked.map(function (u) { return u.unitName; }) },
    series: [
      { name: '逾期未销号（当前）', type: 'bar', stack: 'overdue', itemStyle: { color: colours.red },
        data: ranked.map(function (u) { return u.red; }) },
      { name: '本期逾期销号', type: 'bar', stack: 'overdue', itemStyle: { color: colours.brown },
        data: ranked.map(function (u) { return u.closedLate; }) }
    ],
    graphic: ranked.length ? [] : [{ type: 'text', left: 'center', top: 'middle', style: { text: '没有逾期事项', fill: '#7b8794' } }]
  });

  chart('chart-trend', {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 12, top: 30, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: d.trend.map(function (m) { return m.month; }) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: '交办', type: 'line', itemStyle: { color: colours.blue }, data: d.trend.map(function (m) { return m.issued; }) },
      { name: '按期销号', type: 'bar', stack: 'closed', itemStyle: { color: colours.grey }, data: d.trend.map(function (m) { return m.closedOnTime; }) },
      { name: '逾期销号', type: 'bar', stack: 'closed', itemStyle: { color: colours.brown }, data: d.trend.map(function (m) { return m.closedLate; }) }
    ]
  });

  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });
}());
