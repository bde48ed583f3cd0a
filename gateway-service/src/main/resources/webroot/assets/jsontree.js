// An expandable JSON tree with "copy path" and "copy value" on every node (Node-RED's debug
// sidebar is the model). cloudbus.jsonTree(value) returns a <ul role="tree">.
(function () {
  'use strict';
  var cb = window.cloudbus;

  function childPath(path, key, inArray) {
    if (inArray) return path + '[' + key + ']';
    return /^[A-Za-z_$][\w$]*$/.test(key) ? path + '.' + key : path + '[' + JSON.stringify(key) + ']';
  }

  function preview(v) {
    if (Array.isArray(v)) return '[' + v.length + ']';
    if (v && typeof v === 'object') return '{' + Object.keys(v).length + '}';
    return JSON.stringify(v);
  }

  function copyButtons(path, value) {
    var box = cb.el('span', 'copy');
    var p = cb.el('button', 'mini copy-path', 'path');
    p.type = 'button';
    p.setAttribute('aria-label', 'copy path ' + path);
    p.setAttribute('data-path', path);
    p.addEventListener('click', function (e) { e.stopPropagation(); cb.copy(path, 'path ' + path); });
    var v = cb.el('button', 'mini copy-value', 'value');
    v.type = 'button';
    v.setAttribute('aria-label', 'copy value of ' + path);
    v.addEventListener('click', function (e) {
      e.stopPropagation();
      cb.copy(typeof value === 'string' ? value : JSON.stringify(value, null, 2), 'value of ' + path);
    });
    box.appendChild(p);
    box.appendChild(v);
    return box;
  }

  function node(key, value, path, depth) {
    var li = cb.el('li', 'jt-node');
    li.setAttribute('role', 'treeitem');
    li.setAttribute('data-path', path);
    var line = cb.el('div', 'jt-line');
    var composite = value !== null && typeof value === 'object';
    if (composite) {
      var toggle = cb.el('button', 'jt-toggle', key);
      toggle.type = 'button';
      var open = depth < 2;
      toggle.setAttribute('aria-expanded', String(open));
      line.appendChild(toggle);
      line.appendChild(cb.el('span', 'jt-preview', preview(value)));
      line.appendChild(copyButtons(path, value));
      li.appendChild(line);
      var kids = null;
      var render = function () {
        kids = cb.el('ul', 'jt-kids');
        kids.setAttribute('role', 'group');
        var isArray = Array.isArray(value);
        Object.keys(value).forEach(function (k) {
          kids.appendChild(node(k, value[k], childPath(path, k, isArray), depth + 1));
        });
        li.appendChild(kids);
      };
      if (open) render();
      toggle.addEventListener('click', function (e) {
        e.stopPropagation();
        var expanded = toggle.getAttribute('aria-expanded') === 'true';
        toggle.setAttribute('aria-expanded', String(!expanded));
        if (!kids) render();
        kids.hidden = expanded;
      });
    } else {
      line.appendChild(cb.el('span', 'jt-key', key));
      line.appendChild(cb.el('span', 'jt-value jt-' + (value === null ? 'null' : typeof value), JSON.stringify(value)));
      line.appendChild(copyButtons(path, value));
      li.appendChild(line);
    }
    return li;
  }

  cb.jsonTree = function (value) {
    var ul = cb.el('ul', 'jt');
    ul.setAttribute('role', 'tree');
    ul.setAttribute('aria-label', 'event JSON');
    Object.keys(value || {}).forEach(function (k) {
      ul.appendChild(node(k, value[k], childPath('', k, false).replace(/^\./, ''), 0));
    });
    return ul;
  };
})();
