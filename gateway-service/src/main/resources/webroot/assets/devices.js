// Devices panel of the dashboard: each account's devices from GET /api/devices, refreshed every
// 5 s, and the same devices in the account detail. The service answers from the adapters' memory
// (docs/control.md), so this never reaches a vendor cloud. Kept apart from app.js on purpose.
(function () {
  'use strict';
  var cb = window.cloudbus;
  var token = new URLSearchParams(location.search).get('token');
  var last = [];
  function withToken(path) {
    // the tab's token (from ?token= or the sign-in prompt) when the dashboard's helpers are there
    if (cb && cb.withToken) return cb.withToken(path);
    if (!token) return path;
    return path + (path.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(token);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function summary(d) {
    var s = d.state || {};
    var parts = [];
    if (s.alarmState !== undefined) parts.push(String(s.alarmState));
    if (s.locked !== undefined) parts.push(s.locked ? 'locked' : 'unlocked');
    if (s.on !== undefined) parts.push(s.on ? 'on' : 'off');
    if (s.state !== undefined && typeof s.state !== 'object') parts.push(String(s.state));
    if (s.jammed) parts.push('jammed');
    if (s.offline || s.reachable === false) parts.push('unreachable');
    if (s.lowBattery) parts.push('low battery');
    return parts.length ? parts.join(' · ') : '–';
  }
  var panel = el('section', 'panel');
  panel.id = 'devices-panel';
  panel.appendChild(el('h2', null, 'Devices'));
  var body = el('div', 'devices');
  body.id = 'devices';
  body.appendChild(el('p', 'empty', 'No device state yet.'));
  panel.appendChild(body);
  var main = document.querySelector('main');
  if (main) main.appendChild(panel);

  // The account detail's device list: name, type and state of each device of that account.
  function fillDetail(ul) {
    var key = ul.getAttribute('data-detail-account');
    var mine = last.filter(function (d) { return d.vendor + '/' + d.account === key; });
    ul.textContent = '';
    if (!mine.length) ul.appendChild(el('li', 'empty', 'No device state for this account yet.'));
    mine.forEach(function (d) {
      var li = el('li', 'detail-device', (d.name || d.localId) + ' · ' + d.type + ' · ' + summary(d));
      li.setAttribute('data-detail-device', d.id);
      ul.appendChild(li);
    });
  }
  if (cb && cb.on) {
    cb.on('accountdetail', function (m) {
      m.body.appendChild(el('h3', null, 'Devices'));
      var ul = el('ul', 'recent detail-devices');
      ul.setAttribute('data-detail-account', m.key);
      fillDetail(ul);
      m.body.appendChild(ul);
    });
  }

  function render(devices) {
    last = devices;
    document.querySelectorAll('#detail-body .detail-devices').forEach(fillDetail);
    body.textContent = '';
    if (!devices.length) {
      body.appendChild(el('p', 'empty', 'No device state yet.'));
      return;
    }
    var byAccount = {};
    devices.forEach(function (d) {
      var key = d.vendor + '/' + d.account;
      (byAccount[key] = byAccount[key] || []).push(d);
    });
    Object.keys(byAccount).sort().forEach(function (key) {
      var group = el('div', 'device-account');
      group.setAttribute('data-account', key);
      group.appendChild(el('h3', null, key.replace('/', ' / ')));
      var table = el('table', 'events');
      var tbody = el('tbody');
      byAccount[key].forEach(function (d) {
        var tr = el('tr', 'device');
        tr.setAttribute('data-device', d.id);
        tr.appendChild(el('td', 'name', d.name || d.localId));
        tr.appendChild(el('td', 'type', d.type));
        tr.appendChild(el('td', 'state', summary(d)));
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      group.appendChild(table);
      body.appendChild(group);
    });
  }
  function refresh() {
    fetch(withToken('/api/devices'))
      .then(function (r) { return r.ok ? r.json() : { devices: [] }; })
      .then(function (json) { render(json.devices || []); })
      .catch(function () { /* the service is restarting: the next round retries */ });
  }
  refresh();
  setInterval(refresh, 5000);
})();
