// cloudbus dashboard: the live connection and the wiring. Plain JS, no build step, no library.
// Live data comes over the SockJS event bus bridge through its raw WebSocket transport
// (/eventbus/websocket): JSON frames {"type":"register","address":...}, a ping every 5 s.
// After every (re)connect the page re-reads /api/accounts, which replaces what it knew.
(function () {
  'use strict';
  var cb = window.cloudbus;
  var $ = cb.$;
  var socket = null;
  var decoder = new TextDecoder('utf-8');
  var pingTimer = null;
  var retryMs = 1000;
  var locked = false;

  function setLink(state, text) {
    $('link').className = 'link link-' + state;
    $('link-text').textContent = text;
  }

  // In a cluster the owning node is a header of the status message (docs/cluster.md).
  function withNode(msg) {
    var body = msg.body;
    var node = msg.headers && msg.headers['cloudbus-node'];
    if (body && node && !body.node) body.node = node;
    return body;
  }

  function showLogin(message) {
    locked = true;
    $('login').hidden = false;
    $('login-error').textContent = message || '';
    setLink('down', 'sign in required');
    $('login-token').focus();
  }

  cb.on('unauthorized', function () {
    var had = !!cb.token;
    cb.forgetToken();
    showLogin(had ? 'That token was refused; check it and try again.' : '');
  });

  function connect() {
    if (locked) return;
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    setLink('connecting', 'connecting…');
    socket = new WebSocket(scheme + location.host + cb.withToken('/eventbus/websocket'));
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
      if (msg.type === 'rec' && msg.address === 'cloudbus.events') cb.liveEvent(msg.body);
      else if (msg.type === 'rec' && msg.address === 'cloudbus.status') cb.upsertAccount(withNode(msg));
      else if (msg.type === 'err') console.warn('bridge error', msg.body);
    };
    socket.onclose = function () {
      clearInterval(pingTimer);
      if (locked) return;
      // a refused upgrade looks like a close: ask the API whether the token is the reason
      cb.api('/api/accounts').catch(function () {});
      setLink('down', 'reconnecting in ' + Math.round(retryMs / 1000) + 's');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10000);
    };
  }

  function loadSnapshot() {
    cb.api('/api/accounts').then(cb.replaceAccounts).catch(function () {});
    cb.loadHistory(false);
  }

  cb.emit('ready');
  $('login-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var t = $('login-token').value.trim();
    if (!t) return;
    // ?token= is what the service reads; app reloads with it and keeps it for this tab only
    var p = new URLSearchParams(location.search);
    p.set('token', t);
    location.search = p.toString();
  });
  setInterval(cb.tickAccounts, 1000);
  cb.renderEvents();
  connect();
})();
