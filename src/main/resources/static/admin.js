// Keyway admin UI: the Copy button, scope chips, header rows. Everything works without this file.
(function () {
  'use strict';

  document.querySelectorAll('[data-copy]').forEach(function (button) {
    var input = document.getElementById(button.getAttribute('data-copy'));
    var status = document.getElementById(input.id + '-status');
    button.hidden = false;
    button.addEventListener('click', function () {
      input.select();
      var done = function () { status.textContent = 'Copied'; };
      var fallback = function () {
        try { document.execCommand('copy'); done(); } catch (e) { status.textContent = 'Press Ctrl+C to copy'; }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, fallback);
      } else {
        fallback();
      }
    });
  });

  // Scopes as chips: the original text field becomes hidden and holds the space-separated list.
  document.querySelectorAll('input[data-chips]').forEach(function (source) {
    var box = document.createElement('div');
    var list = document.createElement('ul');
    var entry = document.createElement('input');
    var scopes = source.value.split(/[\s,]+/).filter(Boolean);
    box.className = 'chips';
    entry.type = 'text';
    entry.id = source.id;
    entry.autocomplete = 'off';
    entry.setAttribute('aria-describedby', source.getAttribute('aria-describedby'));
    source.id = source.id + '-value';
    source.type = 'hidden';
    box.appendChild(list);
    box.appendChild(entry);
    source.parentNode.insertBefore(box, source);

    function render() {
      list.textContent = '';
      scopes.forEach(function (scope, i) {
        var li = document.createElement('li');
        var text = document.createElement('span');
        var remove = document.createElement('button');
        li.className = 'chip';
        text.textContent = scope;
        remove.type = 'button';
        remove.textContent = '\u00d7';
        remove.setAttribute('aria-label', 'Remove scope ' + scope);
        remove.addEventListener('click', function () { scopes.splice(i, 1); render(); entry.focus(); });
        li.appendChild(text);
        li.appendChild(remove);
        list.appendChild(li);
      });
      source.value = scopes.join(' ');
    }

    function take() {
      entry.value.split(/[\s,]+/).filter(Boolean).forEach(function (s) {
        if (scopes.indexOf(s) < 0) { scopes.push(s); }
      });
      entry.value = '';
      render();
    }

    entry.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ' || e.key === ',') {
        e.preventDefault();
        take();
      } else if (e.key === 'Backspace' && entry.value === '' && scopes.length) {
        scopes.pop();
        render();
      }
    });
    entry.addEventListener('blur', take);
    if (source.form) { source.form.addEventListener('submit', take); }
    render();
  });

  // Custom headers: "+ Add header" clones an empty row with the next index; a new row's Remove drops it.
  // Stored rows keep their Remove checkbox (the server drops them). Without JS, the spare rows are enough.
  document.querySelectorAll('[data-header-rows]').forEach(function (list) {
    var add = list.parentNode.querySelector('.add-row');
    var max = 40;

    function wire(row) {
      var remove = row.querySelector('.remove-row');
      if (!remove) { return; }
      remove.hidden = false;
      remove.addEventListener('click', function () {
        var next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        if (list.children.length === 0) { addRow(); } else if (next) { next.querySelector('input').focus(); }
      });
    }

    function addRow() {
      var template = Array.prototype.filter.call(list.children, function (li) {
        return !li.querySelector('input[type=hidden]');
      })[0] || list.lastElementChild;
      var used = Array.prototype.map.call(list.children, function (li) { return +li.getAttribute('data-row'); });
      var index = Math.max.apply(null, used.concat([-1])) + 1;
      if (index >= max) { return null; }
      var row = template.cloneNode(true);
      row.setAttribute('data-row', index);
      row.classList.remove('invalid');
      row.querySelectorAll('.error, input[type=hidden], label.check, .badge').forEach(function (e) { e.remove(); });
      row.querySelectorAll('[id], [name], [for], [aria-describedby]').forEach(function (e) {
        ['id', 'name', 'for', 'aria-describedby'].forEach(function (a) {
          var v = e.getAttribute(a);
          if (v) { e.setAttribute(a, v.replace(/(^|-)h\d+(?=-|$)/, '$1h' + index)); }
        });
      });
      row.querySelectorAll('input').forEach(function (i) { i.value = ''; i.removeAttribute('placeholder'); i.setAttribute('aria-invalid', 'false'); });
      var cell = row.querySelector('.cell.remove');
      if (!cell.querySelector('.remove-row')) {
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'remove-row';
        b.textContent = 'Remove';
        b.setAttribute('aria-label', 'Remove this header row');
        cell.appendChild(b);
      }
      list.appendChild(row);
      wire(row);
      return row;
    }

    Array.prototype.forEach.call(list.children, wire);
    add.hidden = false;
    add.addEventListener('click', function () {
      var row = addRow();
      if (row) { row.querySelector('input').focus(); }
    });
  });
}());
