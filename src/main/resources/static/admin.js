// Keyway admin UI: the Copy button and scope chips. Everything works without this file.
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
}());
