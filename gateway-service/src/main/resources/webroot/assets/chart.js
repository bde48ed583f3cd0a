// Events per minute over the last hour, stacked by vendor or by type, with status changes as
// marks. Plain SVG, no library. Counts events by their own time (history included), so the
// chart is right from the first render, not only from when the page opened.
(function () {
  'use strict';
  var cb = window.cloudbus;
  var NS = 'http://www.w3.org/2000/svg';
  var MINUTES = 60;
  var MAX_POINTS = 100000; // bounded memory: beyond it the oldest minute bars undercount
  var H = 160, PAD_L = 28, PAD_B = 18;
  var COLORS = ['#3b5bdb', '#2b8a3e', '#c2255c', '#e8590c', '#7048e8', '#0b7285', '#5c940d', '#862e9c'];
  var points = [];   // {t, vendor, type, id}
  var counted = {};  // "source|id" of the points, so that a reloaded history is not counted twice
  var marks = [];    // {t, key, state, reason}
  var dirty = true;

  cb.on('event', function (ev) {
    var id = (ev.source || '') + '|' + ev.id;
    if (counted[id]) return;
    counted[id] = true;
    var t = cb.ms(ev.time);
    if (isNaN(t)) t = Date.now();
    points.push({ t: t, id: id, vendor: ev.vendor || '?', type: cb.shortType(ev.type).split('.')[0] || '?' });
    if (points.length > MAX_POINTS) delete counted[points.shift().id];
    dirty = true;
  });
  cb.on('statuschange', function (m) {
    if (!isNaN(m.at)) { marks.push({ t: m.at, key: m.key, state: m.state, reason: m.reason }); dirty = true; }
  });

  function svg(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Per-minute counts for the hour, and the last minute's and the hour's totals.
  cb.chartCounts = function (now) {
    var start = now - MINUTES * 60000;
    var series = {};
    var lastMinute = 0, hour = 0;
    var by = cb.$('chart-by').value;
    points.forEach(function (p) {
      if (p.t < start || p.t > now + 60000) return;
      hour++;
      if (p.t >= now - 60000) lastMinute++;
      var i = Math.min(MINUTES - 1, Math.floor((p.t - start) / 60000));
      var name = by === 'type' ? p.type : p.vendor;
      (series[name] = series[name] || new Array(MINUTES).fill(0))[i]++;
    });
    return { series: series, lastMinute: lastMinute, hour: hour, start: start };
  };

  function render() {
    // drawn at the box's own pixel width: crisp 10 px labels at 320 px and at 1400 px alike
    var W = Math.max(240, cb.$('chart').clientWidth || 600);
    var now = Date.now();
    points = points.filter(function (p) {
      if (p.t >= now - MINUTES * 60000) return true;
      delete counted[p.id];
      return false;
    });
    marks = marks.filter(function (m) { return m.t >= now - MINUTES * 60000; });
    var c = cb.chartCounts(now);
    cb.$('kpi-rate').textContent = c.lastMinute;
    cb.$('kpi-total').textContent = c.hour;
    var names = Object.keys(c.series).sort();
    var totals = new Array(MINUTES).fill(0);
    names.forEach(function (n) { c.series[n].forEach(function (v, i) { totals[i] += v; }); });
    var max = Math.max.apply(null, totals.concat([1]));
    var plotW = W - PAD_L, plotH = H - PAD_B, bw = plotW / MINUTES;
    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', class: 'chart-svg',
      'aria-label': c.hour + ' events in the last hour, ' + c.lastMinute + ' in the last minute' });
    root.appendChild(svg('title', {}, 'Events per minute over the last hour'));
    root.appendChild(svg('line', { x1: PAD_L, y1: plotH, x2: W, y2: plotH, class: 'axis' }));
    root.appendChild(svg('text', { x: PAD_L - 4, y: 10, 'text-anchor': 'end', class: 'tick' }, String(max)));
    root.appendChild(svg('text', { x: PAD_L - 4, y: plotH, 'text-anchor': 'end', class: 'tick' }, '0'));
    root.appendChild(svg('text', { x: PAD_L, y: H - 4, class: 'tick' }, '-60 min'));
    root.appendChild(svg('text', { x: W, y: H - 4, 'text-anchor': 'end', class: 'tick' }, 'now'));
    var base = new Array(MINUTES).fill(0);
    names.forEach(function (n, si) {
      var color = COLORS[si % COLORS.length];
      c.series[n].forEach(function (v, i) {
        if (!v) return;
        var h = (v / max) * (plotH - 8);
        var y = plotH - base[i] - h;
        base[i] += h;
        var r = svg('rect', { x: PAD_L + i * bw + 0.5, y: y, width: Math.max(1, bw - 1), height: h, fill: color, class: 'bar', 'data-series': n });
        r.appendChild(svg('title', {}, n + ': ' + v + ' at ' + cb.dateTime(c.start + i * 60000).slice(11, 16)));
        root.appendChild(r);
      });
    });
    marks.forEach(function (m) {
      var x = PAD_L + ((m.t - c.start) / 60000) * bw;
      var g = svg('g', { class: 'mark mark-' + m.state, 'data-state': m.state });
      g.appendChild(svg('line', { x1: x, y1: 0, x2: x, y2: plotH }));
      g.appendChild(svg('title', {}, m.key + ' ' + m.state + ' at ' + cb.dateTime(m.t) + (m.reason ? ': ' + m.reason : '')));
      root.appendChild(g);
    });
    var box = cb.$('chart');
    box.textContent = '';
    box.appendChild(root);
    var legend = cb.$('chart-legend');
    legend.textContent = '';
    names.forEach(function (n, si) {
      var item = cb.el('span', 'legend-item');
      var sw = cb.el('span', 'swatch');
      sw.style.background = COLORS[si % COLORS.length];
      item.appendChild(sw);
      item.appendChild(document.createTextNode(n));
      legend.appendChild(item);
    });
    if (marks.length) legend.appendChild(cb.el('span', 'legend-item legend-mark', 'status change'));
    dirty = false;
  }

  cb.on('ready', function () {
    cb.$('chart-by').addEventListener('change', render);
    window.addEventListener('resize', function () { dirty = true; });
    render();
    setInterval(function () { if (dirty) render(); }, 1000);
    setInterval(render, 15000);
  });
})();
