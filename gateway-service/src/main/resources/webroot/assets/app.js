// cloudbus dashboard: plain JS, no build step, no library.
// Live data comes over the SockJS event bus bridge through its raw WebSocket transport
// (/eventbus/websocket): JSON frames {"type":"register","address":...}, a ping every 5 s.
(function () {
  'use strict';

  var MAX_EVENTS = 100;
  var RATE_WINDOW_MS = 60000;
  var token = new URLSearchParams(location.search).get('token');
  var accounts = {};          // "vendor/account" -> {vendor, account, state, since, reason}
  var eventTimes = [];        // arrival times (ms) within the rate window
  var total = 0;
  var rendered = 0;
  var $ = function (id) { return document.getElementById(id); };

  function withToken(path) {
    if (!token) return path;
    return path + (path.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(token);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function sinceMs(since) {
    if (since === undefined || since === null) return NaN;
    var t = typeof since === 'number' ? since : Date.parse(since);
    return isNaN(t) ? NaN : t;
  }

  function duration(ms) {
    if (isNaN(ms) || ms < 0) ms = 0;
    var s = Math.floor(ms / 1000);
    if (s < 60) return s + 's';
    var m = Math.floor(s / 60);
    if (m < 60) return m + 'm ' + (s % 60) + 's';
    var h = Math.floor(m / 60);
    if (h < 48) return h + 'h ' + (m % 60) + 'm';
    return Math.floor(h / 24) + 'd ' + (h % 24) + 'h';
  }

  // ------------------------------------------------------------------ accounts

  // In a cluster the owning node is a header of the status message (docs/cluster.md).
  function withNode(msg) {
    var body = msg.body;
    var node = msg.headers && msg.headers['cloudbus-node'];
    if (body && node && !body.node) body.node = node;
    return body;
  }

  function upsertAccount(s) {
    if (!s || !s.vendor || !s.account) return;
    accounts[s.vendor + '/' + s.account] = s;
    renderAccounts();
  }

  function renderAccounts() {
    var box = $('accounts');
    var keys = Object.keys(accounts).sort();
    box.textContent = '';
    if (keys.length === 0) {
      box.appendChild(el('p', 'empty', 'No account has reported a status yet.'));
    }
    var connected = 0;
    keys.forEach(function (k) {
      var a = accounts[k];
      if (a.state === 'connected') connected++;
      var card = el('div', 'account st-' + a.state);
      card.setAttribute('data-account', k);
      card.appendChild(el('div', 'name', a.account));
      card.appendChild(el('div', 'vendor', a.vendor));
      var row = el('div', 'row');
      row.appendChild(el('span', 'badge state', a.state.replace('_', ' ')));
      var since = el('span', 'since');
      since.setAttribute('data-since', String(sinceMs(a.since)));
      since.textContent = 'for ' + duration(Date.now() - sinceMs(a.since));
      row.appendChild(since);
      card.appendChild(row);
      if (a.reason) card.appendChild(el('div', 'reason', a.reason));
      if (a.node) card.appendChild(el('div', 'node', 'node ' + a.node));
      box.appendChild(card);
    });
    $('kpi-accounts').textContent = keys.length;
    $('kpi-connected').textContent = connected;
  }

  function tickSince() {
    var nodes = document.querySelectorAll('.since[data-since]');
    for (var i = 0; i < nodes.length; i++) {
      var t = Number(nodes[i].getAttribute('data-since'));
      nodes[i].textContent = 'for ' + duration(Date.now() - t);
    }
  }

  // ------------------------------------------------------------------ events

  function matchesFilter(ev) {
    var f = $('filter').value.trim().toLowerCase();
    if (!f) return true;
    return [ev.type, ev.vendor, ev.account, ev.subject].join(' ').toLowerCase().indexOf(f) >= 0;
  }

  function addEvent(ev, live) {
    if (!ev || typeof ev !== 'object') return;
    if (live) {
      total++;
      eventTimes.push(Date.now());
      $('kpi-total').textContent = total;
      renderRate();
    }
    var body = $('events');
    var placeholder = body.querySelector('.empty-row');
    if (placeholder) placeholder.remove();
    var name = String(ev.type || '').replace(/^io\.cloudbus\./, '');
    var tr = el('tr', 'ev' + (live ? ' fresh' : ''));
    tr.setAttribute('data-id', ev.id || '');
    tr.setAttribute('data-type', ev.type || '');
    var time = sinceMs(ev.time);
    tr.appendChild(el('td', 'time', isNaN(time) ? '' : new Date(time).toLocaleTimeString()));
    var typeCell = el('td', 'type');
    typeCell.appendChild(el('span', 'cat cat-' + name.split('.')[0]));
    typeCell.appendChild(document.createTextNode(name));
    tr.appendChild(typeCell);
    tr.appendChild(el('td', 'acct', (ev.vendor || '?') + ' / ' + (ev.account || '?')));
    tr.appendChild(el('td', 'subject', ev.subject || ''));
    tr.addEventListener('click', function () { toggleRaw(tr, ev); });
    if (!matchesFilter(ev)) tr.style.display = 'none';
    tr._event = ev;
    body.insertBefore(tr, body.firstChild);
    rendered++;
    while (rendered > MAX_EVENTS) {
      var last = body.lastElementChild;
      if (last.classList.contains('raw')) { last.remove(); continue; }
      last.remove();
      rendered--;
    }
  }

  function toggleRaw(tr, ev) {
    var next = tr.nextElementSibling;
    if (next && next.classList.contains('raw')) { next.remove(); return; }
    var raw = el('tr', 'raw');
    var td = el('td');
    td.colSpan = 4;
    td.appendChild(el('pre', null, JSON.stringify(ev, null, 2)));
    raw.appendChild(td);
    tr.parentNode.insertBefore(raw, tr.nextSibling);
  }

  function applyFilter() {
    var rows = $('events').querySelectorAll('tr.ev');
    for (var i = 0; i < rows.length; i++) {
      rows[i].style.display = matchesFilter(rows[i]._event) ? '' : 'none';
      var next = rows[i].nextElementSibling;
      if (next && next.classList.contains('raw')) next.style.display = rows[i].style.display;
    }
  }

  function renderRate() {
    var now = Date.now();
    while (eventTimes.length && eventTimes[0] < now - RATE_WINDOW_MS) eventTimes.shift();
    $('kpi-rate').textContent = eventTimes.length;
    var buckets = new Array(12).fill(0);
    eventTimes.forEach(function (t) {
      var i = Math.min(11, Math.floor((now - t) / 5000));
      buckets[11 - i]++;
    });
    var max = Math.max.apply(null, buckets.concat([1]));
    var spark = $('spark');
    spark.textContent = '';
    buckets.forEach(function (b) {
      var bar = el('span');
      bar.style.height = Math.round((b / max) * 32) + 'px';
      spark.appendChild(bar);
    });
  }

  // ------------------------------------------------------------------ bridge

  var socket = null;
  var decoder = new TextDecoder('utf-8');
  var pingTimer = null;
  var retryMs = 1000;

  function setLink(state, text) {
    $('link').className = 'link link-' + state;
    $('link-text').textContent = text;
  }

  function connect() {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    setLink('connecting', 'connecting…');
    socket = new WebSocket(scheme + location.host + withToken('/eventbus/websocket'));
    // the raw SockJS transport sends the bridge's JSON in binary frames
    socket.binaryType = 'arraybuffer';
    socket.onopen = function () {
      retryMs = 1000;
      setLink('live', 'live');
      ['cloudbus.events', 'cloudbus.status'].forEach(function (address) {
        socket.send(JSON.stringify({ type: 'register', address: address }));
      });
      pingTimer = setInterval(function () {
        if (socket.readyState === 1) socket.send(JSON.stringify({ type: 'ping' }));
      }, 5000);
      loadSnapshot();
    };
    socket.onmessage = function (m) {
      var msg;
      var data = typeof m.data === 'string' ? m.data : decoder.decode(m.data);
      try { msg = JSON.parse(data); } catch (e) { return; }
      if (msg.type === 'rec' && msg.address === 'cloudbus.events') addEvent(msg.body, true);
      else if (msg.type === 'rec' && msg.address === 'cloudbus.status') upsertAccount(withNode(msg));
      else if (msg.type === 'err') console.warn('bridge error', msg.body);
    };
    socket.onclose = function () {
      clearInterval(pingTimer);
      setLink('down', 'reconnecting in ' + Math.round(retryMs / 1000) + 's');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 30000);
    };
  }

  function loadSnapshot() {
    fetch(withToken('/api/accounts')).then(function (r) { return r.ok ? r.json() : []; })
      .then(function (list) { list.forEach(function (a) { if (!accounts[a.vendor + '/' + a.account]) accounts[a.vendor + '/' + a.account] = a; }); renderAccounts(); })
      .catch(function () {});
    fetch(withToken('/api/events?limit=50')).then(function (r) { return r.ok ? r.json() : { events: [] }; })
      .then(function (page) {
        var list = page.events || [];
        var seen = {};
        $('events').querySelectorAll('tr.ev').forEach(function (tr) { seen[tr.getAttribute('data-id')] = true; });
        list.slice().reverse().forEach(function (ev) { if (!seen[ev.id]) addEvent(ev, false); });
      })
      .catch(function () {});
  }

  $('filter').addEventListener('input', applyFilter);
  setInterval(function () { tickSince(); renderRate(); }, 1000);
  renderRate();
  connect();
})();
