// Devices panel of the dashboard: each account's devices from GET /api/devices, refreshed every
// 5 s. The service answers from the adapters' memory (docs/control.md), so this never reaches a
// vendor cloud. Kept apart from app.js on purpose.
(function () {
  'use strict';
  var token = new URLSearchParams(location.search).get('token');
  function withToken(path) {
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

  function render(devices) {
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
