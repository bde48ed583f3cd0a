// The event list: full date-time, an expandable JSON tree per event, pause/resume and clear,
// filters (vendor, account, type prefix, text), and history from GET /api/events.
// /api/events answers {"events":[...],"next":cursor} (the journal) or a plain array (older
// services); both are read.
(function () {
  'use strict';
  var cb = window.cloudbus;
  var MAX_EVENTS = 1000;
  var ROWS = 200;           // rows shown at first; each "load older" page adds its rows
  var visible = ROWS;
  var RANGES = { '15m': 15 * 60000, '1h': 3600000, '24h': 86400000, '7d': 7 * 86400000 };
  var events = [];          // newest first
  var ids = {};
  var paused = false;
  var held = [];            // live events that arrived while paused
  var cursor = null;        // the journal's "next" for older events
  var vendors = {};
  var accountNames = {};

  function filters() {
    return {
      vendor: cb.$('f-vendor').value,
      account: cb.$('f-account').value,
      type: cb.$('f-type').value.trim(),
      text: cb.$('filter').value.trim().toLowerCase()
    };
  }

  function fullType(prefix) {
    if (!prefix) return '';
    return prefix.indexOf('io.cloudbus.') === 0 ? prefix : 'io.cloudbus.' + prefix;
  }

  function matches(ev, f) {
    if (f.vendor && ev.vendor !== f.vendor) return false;
    if (f.account && ev.account !== f.account) return false;
    if (f.type && String(ev.type || '').indexOf(fullType(f.type)) !== 0) return false;
    if (f.text && JSON.stringify(ev).toLowerCase().indexOf(f.text) < 0) return false;
    return true;
  }

  function addOption(select, seen, value) {
    if (!value || seen[value]) return;
    seen[value] = true;
    var o = cb.el('option', null, value);
    o.value = value;
    select.appendChild(o);
  }

  function time(ev) { var t = cb.ms(ev.time); return isNaN(t) ? ev._arrived || 0 : t; }

  // Adds events (any order) to the store; returns how many were new.
  function store(list, live) {
    var added = 0;
    list.forEach(function (ev) {
      if (!ev || typeof ev !== 'object' || !ev.id) return;
      var id = (ev.source || '') + '|' + ev.id;
      if (ids[id]) return;
      ids[id] = true;
      ev._arrived = Date.now();
      ev._live = live;
      events.push(ev);
      added++;
      addOption(cb.$('f-vendor'), vendors, ev.vendor);
      addOption(cb.$('f-account'), accountNames, ev.account);
      cb.emit('event', ev);
    });
    if (added) {
      events.sort(function (a, b) { return time(b) - time(a); });
      while (events.length > MAX_EVENTS) {
        var gone = events.pop();
        delete ids[(gone.source || '') + '|' + gone.id];
      }
    }
    return added;
  }

  cb.allEvents = function () { return events; };

  cb.eventsOf = function (vendor, account, n) {
    return events.filter(function (e) { return e.vendor === vendor && e.account === account; }).slice(0, n);
  };

  cb.liveEvent = function (ev) {
    if (paused) {
      held.push(ev);
      cb.$('pause').textContent = 'Resume (' + held.length + ' new)';
      return;
    }
    if (store([ev], true)) scheduleRender();
  };

  // Live bursts re-render at most every 250 ms, not once per event.
  var renderTimer = null;
  function scheduleRender() {
    if (renderTimer) return;
    renderTimer = setTimeout(function () { renderTimer = null; render(); }, 250);
  }

  function row(ev) {
    var tr = cb.el('tr', 'ev' + (ev._live && Date.now() - ev._arrived < 2000 ? ' fresh' : ''));
    tr.setAttribute('data-id', ev.id || '');
    tr.setAttribute('data-type', ev.type || '');
    var name = cb.shortType(ev.type);
    var t = cb.el('td', 'time', cb.dateTime(ev.time));
    t.setAttribute('data-label', 'Time');
    tr.appendChild(t);
    var typeCell = cb.el('td', 'type');
    typeCell.setAttribute('data-label', 'Type');
    var open = cb.el('button', 'ev-open');
    open.type = 'button';
    open.setAttribute('aria-expanded', 'false');
    open.appendChild(cb.el('span', 'cat cat-' + name.split('.')[0]));
    open.appendChild(document.createTextNode(name));
    if (name === 'unmapped') open.title = 'a vendor message cloudbus has no name for yet, delivered as is';
    typeCell.appendChild(open);
    tr.appendChild(typeCell);
    var acct = cb.el('td', 'acct', (ev.vendor || '?') + ' / ' + (ev.account || '?'));
    acct.setAttribute('data-label', 'Account');
    tr.appendChild(acct);
    var subj = cb.el('td', 'subject', ev.subject || '');
    subj.setAttribute('data-label', 'Subject');
    tr.appendChild(subj);
    tr.addEventListener('click', function () { toggle(tr, open, ev); });
    return tr;
  }

  var openIds = {};

  function toggle(tr, button, ev) {
    var next = tr.nextElementSibling;
    if (next && next.classList.contains('raw')) {
      next.remove();
      delete openIds[ev.id];
      button.setAttribute('aria-expanded', 'false');
      return;
    }
    openIds[ev.id] = true;
    button.setAttribute('aria-expanded', 'true');
    tr.parentNode.insertBefore(detailRow(ev), tr.nextSibling);
  }

  function detailRow(ev) {
    var raw = cb.el('tr', 'raw');
    var td = cb.el('td');
    td.colSpan = 4;
    var clean = JSON.parse(JSON.stringify(ev, function (k, v) { return k.charAt(0) === '_' ? undefined : v; }));
    td.appendChild(cb.jsonTree(clean));
    raw.appendChild(td);
    return raw;
  }

  function render() {
    var body = cb.$('events');
    var f = filters();
    var shown = events.filter(function (e) { return matches(e, f); }).slice(0, visible);
    body.textContent = '';
    if (shown.length === 0) {
      var empty = cb.el('tr', 'empty-row');
      var td = cb.el('td', null, events.length ? 'No event matches the filters.' : 'Waiting for events…');
      td.colSpan = 4;
      empty.appendChild(td);
      body.appendChild(empty);
    }
    shown.forEach(function (ev) {
      var tr = row(ev);
      body.appendChild(tr);
      if (openIds[ev.id]) {
        tr.querySelector('.ev-open').setAttribute('aria-expanded', 'true');
        body.appendChild(detailRow(ev));
      }
    });
    cb.emit('eventsrendered', events);
  }
  cb.renderEvents = render;

  function query(range, withCursor) {
    var f = filters();
    var p = new URLSearchParams();
    p.set('limit', '200');
    if (RANGES[range]) p.set('since', new Date(Date.now() - RANGES[range]).toISOString());
    if (f.vendor) p.set('vendor', f.vendor);
    if (f.account) p.set('account', f.account);
    if (f.type) p.set('type', fullType(f.type));
    if (withCursor && cursor) p.set('cursor', cursor);
    return '/api/events?' + p.toString();
  }

  // Loads history: the journal's page, or the plain recent array of an older service.
  cb.loadHistory = function (older) {
    var range = cb.$('f-range').value;
    if (!range && !older) { render(); return Promise.resolve(); }
    return cb.api(query(range || '7d', older)).then(function (body) {
      var list = Array.isArray(body) ? body : (body && Array.isArray(body.events) ? body.events : []);
      cursor = body && !Array.isArray(body) ? body.next || null : null;
      if (RANGES[range]) {
        var from = Date.now() - RANGES[range];
        list = list.filter(function (e) { return isNaN(cb.ms(e.time)) || cb.ms(e.time) >= from; });
      }
      var n = store(list, false);
      if (older) visible = Math.min(MAX_EVENTS, visible + list.length);
      cb.$('older').hidden = !cursor;
      cb.$('events-note').textContent = 'Loaded ' + list.length + ' event' + (list.length === 1 ? '' : 's') +
        ' from the service' + (n < list.length ? ' (' + (list.length - n) + ' already shown)' : '') + '.';
      render();
    }).catch(function (e) {
      if (!e || e.status !== 401) cb.$('events-note').textContent = 'History unavailable' + (e && e.status ? ' (HTTP ' + e.status + ')' : '') + '.';
    });
  };

  cb.on('ready', function () {
    ['f-vendor', 'f-account', 'f-type', 'filter'].forEach(function (id) {
      cb.$(id).addEventListener('input', render);
      cb.$(id).addEventListener('change', render);
    });
    cb.$('filters').addEventListener('submit', function (e) { e.preventDefault(); cb.loadHistory(false); });
    cb.$('older').addEventListener('click', function () { cb.loadHistory(true); });
    cb.$('pause').addEventListener('click', function () {
      paused = !paused;
      var b = cb.$('pause');
      b.setAttribute('aria-pressed', String(paused));
      if (paused) {
        b.textContent = 'Resume';
      } else {
        b.textContent = 'Pause';
        var list = held;
        held = [];
        store(list, true);
        render();
      }
    });
    cb.$('clear').addEventListener('click', function () {
      events = [];
      ids = {};
      held = [];
      openIds = {};
      cursor = null;
      visible = ROWS;
      cb.$('older').hidden = true;
      cb.$('events-note').textContent = 'Cleared; new events appear as they arrive.';
      if (paused) cb.$('pause').textContent = 'Resume';
      render();
    });
  });
})();
