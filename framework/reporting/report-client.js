/*
 * projectx-ts report page script (plain ES2017, inlined into the HTML after echarts).
 * Reads the run data from <script id="report-data" type="application/json">. Every timestamp in it is
 * already the exchange wall clock, so charts use useUTC and labels read as exchange time.
 * No network access of any kind: everything the page needs is in the page.
 */
(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('report-data').textContent);
  var runs = DATA.runs;
  var COLORS = ['#1f5fbf', '#d9480f', '#2b8a3e', '#7048e8', '#c2255c', '#0b7285', '#e67700'];
  var POS = '#2f9e44', NEG = '#e03131', GRID = '#eef0f3', AXIS = '#8a949e';
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var charts = {};

  function chart(id) {
    if (charts[id]) return charts[id];
    var el = document.getElementById(id);
    if (!el) return null;
    charts[id] = echarts.init(el, null, { renderer: 'canvas' });
    return charts[id];
  }
  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (k) { charts[k].resize(); });
  });

  var nf2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var nf0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  function money(v) { return v === null || v === undefined ? '—' : nf2.format(v); }
  function ts(ms) { return new Date(ms).toISOString().slice(0, 16).replace('T', ' '); }
  function day(ms) { return new Date(ms).toISOString().slice(0, 10); }
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }

  function base(extra) {
    var o = {
      animation: false,
      useUTC: true,
      textStyle: { fontFamily: '-apple-system, "Segoe UI", Roboto, Arial, sans-serif', fontSize: 11 },
      grid: { left: 70, right: 24, top: 34, bottom: 34 },
      tooltip: { trigger: 'axis', confine: true },
    };
    for (var k in extra) o[k] = extra[k];
    return o;
  }
  function valueAxis(extra) {
    var a = { type: 'value', scale: true, splitLine: { lineStyle: { color: GRID } }, axisLine: { lineStyle: { color: AXIS } }, axisLabel: { color: '#444' } };
    for (var k in extra) a[k] = extra[k];
    return a;
  }
  function timeAxis() {
    return { type: 'time', axisLine: { lineStyle: { color: AXIS } }, axisLabel: { color: '#444', hideOverlap: true }, splitLine: { show: false } };
  }
  function signBars(values) {
    return values.map(function (v) { return { value: v, itemStyle: { color: v >= 0 ? POS : NEG } }; });
  }

  // ---- run-level charts: all runs overlaid ----
  function equityChart() {
    var series = runs.map(function (r, i) {
      return { name: r.label, type: 'line', data: r.equity, showSymbol: false, sampling: 'lttb', lineStyle: { width: 1.4 }, color: COLORS[i % COLORS.length] };
    });
    var b = runs[0].benchmark;
    if (b && b.equity.length) {
      series.push({ name: 'Buy & hold 1 × ' + b.symbol, type: 'line', data: b.equity, showSymbol: false, lineStyle: { width: 1, type: 'dashed' }, color: '#868e96' });
    }
    chart('chart-equity').setOption(base({
      title: { text: 'Equity (account currency) vs buy & hold', left: 8, top: 6, textStyle: { fontSize: 12, fontWeight: 600 } },
      legend: { top: 6, right: 16 },
      xAxis: timeAxis(),
      yAxis: valueAxis({ axisLabel: { formatter: function (v) { return nf0.format(v); } } }),
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 6 }],
      grid: { left: 70, right: 24, top: 34, bottom: 50 },
      series: series,
    }));
  }

  function underwaterChart() {
    chart('chart-underwater').setOption(base({
      title: { text: 'Drawdown from peak (%)', left: 8, top: 6, textStyle: { fontSize: 12, fontWeight: 600 } },
      legend: runs.length > 1 ? { top: 6, right: 16 } : undefined,
      xAxis: timeAxis(),
      yAxis: valueAxis({ max: 0, scale: false, axisLabel: { formatter: '{value} %' } }),
      series: runs.map(function (r, i) {
        var c = runs.length > 1 ? COLORS[i % COLORS.length] : NEG;
        return { name: r.label, type: 'line', data: r.drawdownPct, showSymbol: false, sampling: 'lttb', lineStyle: { width: 1, color: c }, areaStyle: { color: c, opacity: runs.length > 1 ? 0.08 : 0.18 }, color: c };
      }),
    }));
  }

  function rollingSharpeChart() {
    chart('chart-rolling-sharpe').setOption(base({
      title: { text: 'Rolling Sharpe (126 trading days)', left: 8, top: 6, textStyle: { fontSize: 12, fontWeight: 600 } },
      legend: runs.length > 1 ? { top: 6, right: 16 } : undefined,
      xAxis: timeAxis(),
      yAxis: valueAxis({}),
      series: runs.map(function (r, i) {
        return {
          name: r.label, type: 'line', data: r.rollingSharpe, showSymbol: false, connectNulls: false, lineStyle: { width: 1.2 }, color: COLORS[i % COLORS.length],
          markLine: i === 0 ? { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: '#adb5bd', type: 'solid' }, data: [{ yAxis: 0 }] } : undefined,
        };
      }),
    }));
  }

  // ---- per-run detail ----
  function candleChart(run, symbol) {
    var c = null;
    for (var i = 0; i < run.candles.length; i++) if (run.candles[i].symbol === symbol) c = run.candles[i];
    var rows = c ? c.rows : [];
    var cats = rows.map(function (r) { return ts(r[0]); });
    var ohlc = rows.map(function (r) { return [r[1], r[4], r[3], r[2]]; });
    function indexAt(ms) { // last candle starting at or before ms
      var lo = 0, hi = rows.length - 1, ans = 0;
      while (lo <= hi) { var mid = (lo + hi) >> 1; if (rows[mid][0] <= ms) { ans = mid; lo = mid + 1; } else hi = mid - 1; }
      return ans;
    }
    var symIdx = run.symbols.indexOf(symbol);
    var longIn = [], shortIn = [], exits = [];
    if (rows.length) {
      run.trades.forEach(function (t) {
        if (t[0] !== symIdx) return;
        (t[1] > 0 ? longIn : shortIn).push([indexAt(t[3]), t[4]]);
        exits.push({ value: [indexAt(t[5]), t[6]], itemStyle: { color: t[7] >= 0 ? POS : NEG } });
      });
    }
    var startPct = rows.length > 300 ? 100 - (300 / rows.length) * 100 : 0;
    chart('chart-candles').setOption(base({
      title: { text: symbol + (c ? ' · ' + c.timeframe + ' candles' : ' · no candles') + ' · entries ▲▼, exits ◆ (exchange time)', left: 8, top: 6, textStyle: { fontSize: 12, fontWeight: 600 } },
      legend: { top: 6, right: 16, data: ['Long entry', 'Short entry', 'Exit'] },
      xAxis: { type: 'category', data: cats, boundaryGap: true, axisLine: { lineStyle: { color: AXIS } }, axisLabel: { color: '#444', hideOverlap: true } },
      yAxis: valueAxis({}),
      grid: { left: 70, right: 24, top: 34, bottom: 56 },
      dataZoom: [{ type: 'inside', start: startPct, end: 100 }, { type: 'slider', start: startPct, end: 100, height: 18, bottom: 8 }],
      series: [
        { name: symbol, type: 'candlestick', data: ohlc, itemStyle: { color: '#26a269', color0: '#e5484d', borderColor: '#1e7b34', borderColor0: '#c0262d' } },
        { name: 'Long entry', type: 'scatter', data: longIn, symbol: 'triangle', symbolSize: 9, color: '#1971c2', z: 5 },
        { name: 'Short entry', type: 'scatter', data: shortIn, symbol: 'triangle', symbolRotate: 180, symbolSize: 9, color: '#e8590c', z: 5 },
        { name: 'Exit', type: 'scatter', data: exits, symbol: 'diamond', symbolSize: 7, color: '#495057', z: 6 },
      ],
    }), true);
  }

  function monthlyChart(run) {
    var years = [];
    run.monthly.forEach(function (m) { if (years.indexOf(m[0]) < 0) years.push(m[0]); });
    years.sort();
    var cells = [], maxAbs = 0.01, yearly = {};
    run.monthly.forEach(function (m) {
      cells.push([m[1] - 1, years.indexOf(m[0]), m[2]]);
      maxAbs = Math.max(maxAbs, Math.abs(m[2]));
      yearly[m[0]] = (yearly[m[0]] === undefined ? 1 : yearly[m[0]]) * (1 + m[2] / 100);
    });
    years.forEach(function (y, i) { cells.push([12, i, Math.round((yearly[y] - 1) * 10000) / 100]); });
    chart('chart-monthly').setOption(base({
      title: { text: 'Monthly returns (%), compounded; last column = year', left: 8, top: 6, textStyle: { fontSize: 12, fontWeight: 600 } },
      tooltip: { trigger: 'item', formatter: function (p) { return (p.value[0] < 12 ? MONTHS[p.value[0]] : 'Year') + ' ' + years[p.value[1]] + ': ' + p.value[2].toFixed(2) + ' %'; } },
      grid: { left: 56, right: 16, top: 34, bottom: 24 },
      xAxis: { type: 'category', data: MONTHS.concat(['Year']), splitArea: { show: false }, axisLabel: { color: '#444' } },
      yAxis: { type: 'category', data: years.map(String), inverse: true, axisLabel: { color: '#444' } },
      visualMap: { show: false, min: -maxAbs, max: maxAbs, inRange: { color: ['#e03131', '#fff5f5', '#ffffff', '#ebfbee', '#2f9e44'] } },
      series: [{ type: 'heatmap', data: cells, label: { show: true, fontSize: 10, color: '#222', formatter: function (p) { return p.value[2].toFixed(1); } }, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
    }), true);
  }

  function histogramChart(run) {
    var pnls = run.trades.map(function (t) { return t[7]; });
    var cats = [], vals = [];
    if (pnls.length) {
      var lo = Math.min.apply(null, pnls), hi = Math.max.apply(null, pnls);
      var n = Math.max(10, Math.min(50, Math.ceil(Math.sqrt(pnls.length))));
      var w = (hi - lo) / n || 1, counts = new Array(n).fill(0);
      pnls.forEach(function (p) { counts[Math.min(n - 1, Math.floor((p - lo) / w))]++; });
      for (var i = 0; i < n; i++) {
        var mid = lo + (i + 0.5) * w;
        cats.push(nf0.format(mid));
        vals.push({ value: counts[i], itemStyle: { color: mid >= 0 ? POS : NEG } });
      }
    }
    chart('chart-histogram').setOption(base({
      title: { text: 'Trade net PnL distribution (count per bin)', left: 8, top: 6, textStyle: { fontSize: 12, fontWeight: 600 } },
      xAxis: { type: 'category', data: cats, axisLabel: { color: '#444', hideOverlap: true } },
      yAxis: valueAxis({ scale: false, minInterval: 1 }),
      series: [{ type: 'bar', data: vals, barCategoryGap: '8%' }],
    }), true);
  }

  function excursionChart(run) {
    var wins = [], losses = [];
    run.trades.forEach(function (t) { (t[7] >= 0 ? wins : losses).push([t[9], t[10], t[7]]); });
    chart('chart-mae-mfe').setOption(base({
      title: { text: 'MAE vs MFE per trade (currency)', left: 8, top: 6, textStyle: { fontSize: 12, fontWeight: 600 } },
      legend: { top: 6, right: 16 },
      tooltip: { trigger: 'item', formatter: function (p) { return 'MAE ' + money(p.value[0]) + '<br>MFE ' + money(p.value[1]) + '<br>PnL ' + money(p.value[2]); } },
      xAxis: valueAxis({ name: 'MAE', nameLocation: 'middle', nameGap: 22 }),
      yAxis: valueAxis({ name: 'MFE', nameLocation: 'middle', nameGap: 48 }),
      grid: { left: 70, right: 24, top: 40, bottom: 40 },
      series: [
        { name: 'Winners', type: 'scatter', data: wins, symbolSize: 4, color: POS, large: true },
        { name: 'Losers', type: 'scatter', data: losses, symbolSize: 4, color: NEG, large: true },
      ],
    }), true);
  }

  function timeBuckets(run) {
    var hours = []; for (var h = 0; h < 24; h++) hours.push(String(h).padStart(2, '0'));
    chart('chart-hour').setOption(base({
      title: { text: 'Net PnL by exit hour (' + run.timeZone + ')', left: 8, top: 6, textStyle: { fontSize: 12, fontWeight: 600 } },
      xAxis: { type: 'category', data: hours, axisLabel: { color: '#444' } },
      yAxis: valueAxis({ scale: false }),
      series: [{ type: 'bar', data: signBars(run.pnlByHour.map(function (b) { return b[0]; })) }],
    }), true);
    var order = [1, 2, 3, 4, 5, 6, 0];
    chart('chart-weekday').setOption(base({
      title: { text: 'Net PnL by exit weekday (' + run.timeZone + ')', left: 8, top: 6, textStyle: { fontSize: 12, fontWeight: 600 } },
      xAxis: { type: 'category', data: order.map(function (d) { return run.pnlByWeekday[d][0]; }), axisLabel: { color: '#444' } },
      yAxis: valueAxis({ scale: false }),
      series: [{ type: 'bar', data: signBars(order.map(function (d) { return run.pnlByWeekday[d][1]; })) }],
    }), true);
  }

  function correlationChart(run) {
    var c = run.correlation;
    if (!document.getElementById('chart-correlation')) return;
    var cells = [];
    if (c) c.matrix.forEach(function (row, i) { row.forEach(function (v, j) { cells.push([j, i, v]); }); });
    chart('chart-correlation').setOption(base({
      title: { text: c ? 'Correlation of daily returns' : 'Correlation: single instrument', left: 8, top: 6, textStyle: { fontSize: 12, fontWeight: 600 } },
      tooltip: { trigger: 'item' },
      grid: { left: 70, right: 16, top: 34, bottom: 28 },
      xAxis: { type: 'category', data: c ? c.symbols : [] },
      yAxis: { type: 'category', data: c ? c.symbols : [], inverse: true },
      visualMap: { show: false, min: -1, max: 1, inRange: { color: ['#1971c2', '#ffffff', '#e03131'] } },
      series: [{ type: 'heatmap', data: cells, label: { show: true, formatter: function (p) { return p.value[2].toFixed(2); } }, itemStyle: { borderColor: '#fff', borderWidth: 1 } }],
    }), true);
  }

  // ---- trade list: every trade, sortable by clicking a header ----
  var TRADE_COLS = [
    ['#', function (t, i) { return i + 1; }, 'int'],
    ['Symbol', function (t, i, r) { return r.symbols[t[0]]; }, 'text'],
    ['Side', function (t) { return t[1] > 0 ? 'long' : 'short'; }, 'text'],
    ['Size', function (t) { return t[2]; }, 'int'],
    ['Entry time', function (t) { return t[3]; }, 'time'],
    ['Entry', function (t) { return t[4]; }, 'price'],
    ['Exit time', function (t) { return t[5]; }, 'time'],
    ['Exit', function (t) { return t[6]; }, 'price'],
    ['Hold (min)', function (t) { return (t[5] - t[3]) / 60000; }, 'int'],
    ['Net PnL', function (t) { return t[7]; }, 'money'],
    ['Fees', function (t) { return t[8]; }, 'money'],
    ['MAE', function (t) { return t[9]; }, 'money'],
    ['MFE', function (t) { return t[10]; }, 'money'],
    ['R', function (t) { return t[11]; }, 'r'],
  ];
  var sortState = { col: 0, dir: 1 };
  function fmtCell(v, kind) {
    if (v === null || v === undefined) return '—';
    if (kind === 'time') return ts(v);
    if (kind === 'money') return money(v);
    if (kind === 'r') return nf2.format(v);
    if (kind === 'int') return nf0.format(v);
    if (kind === 'price') return String(+v.toFixed(6));
    return esc(v);
  }
  function tradeTable(run) {
    var table = document.getElementById('trades');
    var head = '<tr>' + TRADE_COLS.map(function (c, i) {
      var cls = (c[2] === 'text' || c[2] === 'time' ? '' : 'num') + (sortState.col === i ? (sortState.dir > 0 ? ' sorted-asc' : ' sorted-desc') : '');
      return '<th data-col="' + i + '" class="' + cls + '">' + esc(c[0]) + '</th>';
    }).join('') + '</tr>';
    var rows = run.trades.map(function (t, i) { return { t: t, i: i }; });
    var col = TRADE_COLS[sortState.col], dir = sortState.dir;
    rows.sort(function (a, b) {
      var x = col[1](a.t, a.i, run), y = col[1](b.t, b.i, run);
      if (x === y) return a.i - b.i;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * dir;
    });
    var body = rows.map(function (r) {
      return '<tr>' + TRADE_COLS.map(function (c) {
        var v = c[1](r.t, r.i, run);
        var cls = c[2] === 'text' || c[2] === 'time' ? '' : 'num';
        if ((c[2] === 'money' || c[2] === 'r') && typeof v === 'number' && c[0] !== 'Fees') cls += v > 0 ? ' pos' : v < 0 ? ' neg' : '';
        return '<td class="' + cls + '">' + fmtCell(v, c[2]) + '</td>';
      }).join('') + '</tr>';
    }).join('');
    table.innerHTML = '<thead>' + head + '</thead><tbody>' + body + '</tbody>';
    document.getElementById('trade-count').textContent = run.trades.length + ' trades · times in exchange time (' + run.timeZone + ') · click a header to sort';
  }
  document.getElementById('trades').addEventListener('click', function (e) {
    var th = e.target.closest ? e.target.closest('th') : null;
    if (!th) return;
    var col = Number(th.getAttribute('data-col'));
    sortState = { col: col, dir: sortState.col === col ? -sortState.dir : 1 };
    tradeTable(runs[current]);
  });

  // ---- selectors ----
  var current = 0;
  var symbolSelect = document.getElementById('symbol-select');
  function fillSymbols(run) {
    symbolSelect.innerHTML = run.candles.map(function (c) { return '<option>' + esc(c.symbol) + '</option>'; }).join('');
    symbolSelect.parentElement.style.display = run.candles.length > 1 ? '' : 'none';
  }
  symbolSelect.addEventListener('change', function () { candleChart(runs[current], symbolSelect.value); });
  function showRun(i) {
    current = i;
    var run = runs[i];
    fillSymbols(run);
    candleChart(run, run.candles.length ? run.candles[0].symbol : run.symbols[0] || '');
    monthlyChart(run);
    histogramChart(run);
    excursionChart(run);
    timeBuckets(run);
    correlationChart(run);
    tradeTable(run);
    var blocks = document.querySelectorAll('[data-run-block]');
    for (var b = 0; b < blocks.length; b++) blocks[b].style.display = Number(blocks[b].getAttribute('data-run-block')) === i ? '' : 'none';
  }
  var runSelect = document.getElementById('run-select');
  if (runSelect) runSelect.addEventListener('change', function () { showRun(Number(runSelect.value)); });

  equityChart();
  underwaterChart();
  rollingSharpeChart();
  showRun(0);
  document.body.setAttribute('data-rendered', 'true');
})();
