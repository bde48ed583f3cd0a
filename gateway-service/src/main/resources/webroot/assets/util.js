// cloudbus dashboard helpers: the shared namespace `cloudbus`, DOM, time and API helpers.
// Plain JS, no build step. Other scripts (accounts.js, events.js, chart.js, a devices panel)
// add themselves to window.cloudbus and talk through cloudbus.on/emit.
(function () {
  'use strict';
  var cb = window.cloudbus = window.cloudbus || {};
  var TOKEN_KEY = 'cloudbus.token';
  var listeners = {};

  // The token: ?token= first (kept for this tab in sessionStorage), then the tab's stored one.
  var fromUrl = new URLSearchParams(location.search).get('token');
  try {
    if (fromUrl) sessionStorage.setItem(TOKEN_KEY, fromUrl);
    cb.token = fromUrl || sessionStorage.getItem(TOKEN_KEY);
  } catch (e) {
    cb.token = fromUrl;
  }

  cb.forgetToken = function () {
    try { sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* private mode */ }
    cb.token = null;
  };

  cb.$ = function (id) { return document.getElementById(id); };

  cb.on = function (name, fn) { (listeners[name] = listeners[name] || []).push(fn); };
  cb.emit = function (name, value) {
    (listeners[name] || []).forEach(function (fn) {
      try { fn(value); } catch (e) { console.error(name, e); }
    });
  };

  cb.withToken = function (path) {
    if (!cb.token) return path;
    return path + (path.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(cb.token);
  };

  // GET a JSON API; rejects with {status} so that a 401 can become the login prompt.
  cb.api = function (path) {
    return fetch(cb.withToken(path), { headers: { Accept: 'application/json' } }).then(function (r) {
      if (r.status === 401) { cb.emit('unauthorized'); throw { status: 401 }; }
      if (!r.ok) throw { status: r.status };
      return r.json();
    });
  };

  cb.el = function (tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };

  cb.ms = function (t) {
    if (t === undefined || t === null || t === '') return NaN;
    var v = typeof t === 'number' ? t : Date.parse(t);
    return isNaN(v) ? NaN : v;
  };

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  // Full local date-time, "2026-12-07 01:46:03", sortable and unambiguous.
  cb.dateTime = function (t) {
    var v = cb.ms(t);
    if (isNaN(v)) return '';
    var d = new Date(v);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' +
      pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  };

  cb.duration = function (ms) {
    if (isNaN(ms) || ms < 0) ms = 0;
    var s = Math.floor(ms / 1000);
    if (s < 60) return s + 's';
    var m = Math.floor(s / 60);
    if (m < 60) return m + 'm ' + (s % 60) + 's';
    var h = Math.floor(m / 60);
    if (h < 48) return h + 'h ' + (m % 60) + 'm';
    return Math.floor(h / 24) + 'd ' + (h % 24) + 'h';
  };

  cb.shortType = function (type) { return String(type || '').replace(/^io\.cloudbus\./, ''); };

  // A copy that works on http pages too (navigator.clipboard needs a secure context).
  cb.copy = function (text, label) {
    function done() { cb.$('copy-status').textContent = 'Copied ' + label; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(); });
    } else {
      fallback();
    }
    function fallback() {
      var area = cb.el('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      try { document.execCommand('copy'); } catch (e) { /* nothing to copy to */ }
      area.remove();
      done();
    }
  };
})();
