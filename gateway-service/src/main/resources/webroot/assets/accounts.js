// Accounts: one card per account (state, for how long, why, next retry), and a detail panel
// (state history with reasons and durations, reconnects, last event, token expiry and last
// refresh, recent events).
(function () {
  'use strict';
  var cb = window.cloudbus;
  var MAX_HISTORY = 50;
  var accounts = {};   // "vendor/account" -> last status body
  var history = {};    // "vendor/account" -> [{state, since, reason, code}], oldest first
  var lastEvent = {};  // "vendor/account" -> event
  var selected = null;

  function key(s) { return s.vendor + '/' + s.account; }

  function remember(s) {
    var k = key(s);
    var list = history[k] = history[k] || [];
    var last = list[list.length - 1];
    if (last && last.state === s.state && last.since === s.since) return;
    list.push({ state: s.state, since: s.since, reason: s.reason, code: s.code, attempt: s.attempt });
    if (list.length > MAX_HISTORY) list.shift();
    cb.emit('statuschange', { key: k, state: s.state, at: cb.ms(s.since), reason: s.reason });
  }

  // A live status frame: always the newest word on that account.
  cb.upsertAccount = function (s) {
    if (!s || !s.vendor || !s.account || !s.state) return;
    accounts[key(s)] = s;
    remember(s);
    render();
  };

  // The /api/accounts snapshot replaces what the page knew (after a service restart every
  // account is new), except a live status that is newer than the snapshot's.
  cb.replaceAccounts = function (list) {
    var next = {};
    list.forEach(function (s) {
      if (!s || !s.vendor || !s.account) return;
      var live = accounts[key(s)];
      next[key(s)] = live && cb.ms(live.since) > cb.ms(s.since) ? live : s;
      remember(next[key(s)]);
    });
    accounts = next;
    render();
  };

  cb.accountsList = function () { return Object.keys(accounts).sort().map(function (k) { return accounts[k]; }); };

  cb.on('event', function (ev) {
    if (ev && ev.vendor && ev.account) {
      var k = ev.vendor + '/' + ev.account;
      var prev = lastEvent[k];
      if (!prev || cb.ms(ev.time) >= cb.ms(prev.time)) lastEvent[k] = ev;
      if (selected === k) renderDetail();
    }
  });

  function retryText(a) {
    if (a.nextRetryMs === undefined || a.nextRetryMs === null) return null;
    var at = cb.ms(a.since) + Number(a.nextRetryMs);
    var left = at - Date.now();
    var n = a.attempt ? 'attempt ' + a.attempt + ' · ' : '';
    return n + (left > 0 ? 'next try in ' + cb.duration(left) : 'retrying now');
  }

  function render() {
    var box = cb.$('accounts');
    var keys = Object.keys(accounts).sort();
    // a status change rebuilds the cards: the keyboard focus stays on the same account
    var focused = document.activeElement && box.contains(document.activeElement)
      ? document.activeElement.getAttribute('data-account') : null;
    box.textContent = '';
    if (keys.length === 0) box.appendChild(cb.el('p', 'empty', 'No account has reported a status yet.'));
    var connected = 0;
    keys.forEach(function (k) {
      var a = accounts[k];
      if (a.state === 'connected') connected++;
      var card = cb.el('button', 'account st-' + a.state);
      card.type = 'button';
      card.setAttribute('data-account', k);
      card.setAttribute('aria-label', k + ', ' + a.state.replace('_', ' ') + (a.reason ? ': ' + a.reason : '') + '. Show details');
      card.appendChild(cb.el('span', 'name', a.account));
      card.appendChild(cb.el('span', 'vendor', a.vendor));
      var row = cb.el('span', 'row');
      row.appendChild(cb.el('span', 'badge state', a.state.replace('_', ' ')));
      var since = cb.el('span', 'since');
      since.setAttribute('data-since', String(cb.ms(a.since)));
      since.textContent = 'for ' + cb.duration(Date.now() - cb.ms(a.since));
      row.appendChild(since);
      card.appendChild(row);
      if (a.reason) {
        var reason = cb.el('span', 'reason', a.reason);
        reason.title = a.reason;
        card.appendChild(reason);
      }
      var retry = retryText(a);
      if (retry) {
        var r = cb.el('span', 'retry', retry);
        r.setAttribute('data-retry', k);
        card.appendChild(r);
      }
      if (a.node) card.appendChild(cb.el('span', 'node', 'node ' + a.node));
      card.addEventListener('click', function () { cb.showAccount(k); });
      box.appendChild(card);
      if (k === focused) card.focus();
    });
    cb.$('kpi-accounts').textContent = keys.length;
    cb.$('kpi-connected').textContent = connected;
    if (selected) renderDetail();
  }

  cb.tickAccounts = function () {
    document.querySelectorAll('.since[data-since]').forEach(function (n) {
      n.textContent = 'for ' + cb.duration(Date.now() - Number(n.getAttribute('data-since')));
    });
    document.querySelectorAll('[data-retry]').forEach(function (n) {
      var a = accounts[n.getAttribute('data-retry')];
      if (a) n.textContent = retryText(a) || '';
    });
    document.querySelectorAll('[data-token]').forEach(function (n) {
      var a = accounts[n.getAttribute('data-token')];
      if (a && a.tokenExpiresAt) n.textContent = tokenText(a);
    });
    document.querySelectorAll('[data-refreshed]').forEach(function (n) {
      var a = accounts[n.getAttribute('data-refreshed')];
      if (a && a.tokenRefreshedAt) n.textContent = refreshedText(a);
    });
  };

  cb.showAccount = function (k) {
    selected = k;
    var panel = cb.$('detail');
    panel.hidden = false;
    renderDetail();
    panel.focus();
  };

  function field(dl, name, value) {
    dl.appendChild(cb.el('dt', null, name));
    return dl.appendChild(cb.el('dd', null, value));
  }

  // "valid until 2026-12-07 14:03:12 (in 54m 3s), refreshed automatically before then"
  function tokenText(a) {
    var at = cb.ms(a.tokenExpiresAt);
    var left = at - Date.now();
    if (left > 0) {
      return 'valid until ' + cb.dateTime(at) + ' (in ' + cb.duration(left) + '), refreshed automatically before then';
    }
    return 'expired at ' + cb.dateTime(at) + ' (' + cb.duration(-left) + ' ago)' +
      (a.state === 'auth_failed' ? '; the vendor refused to renew it (see Why)' : '; a new one is fetched on the next connection');
  }

  // Why the last reconnect was needed: the first reason of the outage before the last connect.
  function lastReconnectCause(hist) {
    for (var i = hist.length - 1; i > 0; i--) {
      if (hist[i].state !== 'connected') continue;
      var cause = null;
      for (var j = i - 1; j >= 0 && hist[j].state !== 'connected'; j--) cause = hist[j].reason || cause;
      return cause;
    }
    return null;
  }

  function refreshedText(a) {
    return cb.dateTime(a.tokenRefreshedAt) + ' (' + cb.duration(Date.now() - cb.ms(a.tokenRefreshedAt)) + ' ago)';
  }

  function renderDetail() {
    var a = accounts[selected];
    var body = cb.$('detail-body');
    cb.$('detail-title').textContent = selected;
    body.textContent = '';
    if (!a) { body.appendChild(cb.el('p', 'empty', 'This account is gone.')); return; }
    var dl = cb.el('dl', 'facts');
    field(dl, 'State', a.state.replace('_', ' ') + ' since ' + cb.dateTime(a.since));
    if (a.reason) field(dl, 'Why', a.reason);
    if (a.failureClass) field(dl, 'Failure class', a.failureClass);
    if (retryText(a)) field(dl, 'Retry', retryText(a)).setAttribute('data-retry', selected);
    var hist = history[selected] || [];
    var reconnects = hist.filter(function (h, i) { return i > 0 && h.state === 'connected'; }).length;
    var cause = lastReconnectCause(hist);
    field(dl, 'Reconnects seen', String(reconnects) + (cause ? ' · the last one after: ' + cause : ''));
    var ev = lastEvent[selected];
    field(dl, 'Last event', ev ? cb.shortType(ev.type) + ' at ' + cb.dateTime(ev.time) : 'none yet');
    if (a.tokenExpiresAt) {
      field(dl, 'Access token', tokenText(a)).setAttribute('data-token', selected);
    }
    if (a.tokenRefreshedAt) {
      field(dl, 'Last token refresh', refreshedText(a)).setAttribute('data-refreshed', selected);
    }
    if (a.node) field(dl, 'Node', a.node);
    body.appendChild(dl);

    body.appendChild(cb.el('h3', null, 'State history'));
    var table = cb.el('table', 'history');
    var head = cb.el('tr');
    ['From', 'State', 'Lasted', 'Why'].forEach(function (h) { var th = cb.el('th', null, h); th.scope = 'col'; head.appendChild(th); });
    table.appendChild(head);
    hist.slice().reverse().forEach(function (h, i, arr) {
      var tr = cb.el('tr', 'hist st-' + h.state);
      var end = i === 0 ? Date.now() : cb.ms(arr[i - 1].since);
      tr.appendChild(cb.el('td', 'time', cb.dateTime(h.since)));
      tr.appendChild(cb.el('td', null, h.state.replace('_', ' ')));
      tr.appendChild(cb.el('td', null, cb.duration(end - cb.ms(h.since)) + (i === 0 ? ' so far' : '')));
      tr.appendChild(cb.el('td', 'why', h.reason || ''));
      table.appendChild(tr);
    });
    body.appendChild(table);

    body.appendChild(cb.el('h3', null, 'Recent events'));
    var recent = cb.eventsOf ? cb.eventsOf(a.vendor, a.account, 10) : [];
    var ul = cb.el('ul', 'recent');
    if (recent.length === 0) ul.appendChild(cb.el('li', 'empty', 'No event of this account on this page yet.'));
    recent.forEach(function (e) {
      ul.appendChild(cb.el('li', null, cb.dateTime(e.time) + '  ' + cb.shortType(e.type) + (e.subject ? '  ' + e.subject : '')));
    });
    body.appendChild(ul);
    cb.emit('accountdetail', { key: selected, account: a, body: body });
  }

  cb.on('ready', function () {
    cb.$('detail-close').addEventListener('click', function () {
      selected = null;
      cb.$('detail').hidden = true;
    });
  });
})();
