// The pages' one script (served by StaticAssets, so the CSP needs no inline script). Every form works as a plain
// form post; where the target answers JSON, the script posts the same form fields, crumb included, with fetch and
// updates the page. It only ever sets textContent, never HTML.
'use strict';
(function () {
  const CRUMB = 'Jenkins-Crumb';

  function crumbOf(form) {
    const field = form.querySelector('input[name="' + CRUMB + '"]');
    return field ? field.value : '';
  }

  function say(form, text, kind) {
    const box = form.querySelector('[data-role=message]') || document.getElementById('page-message');
    if (!box) { return; }
    box.textContent = text;
    box.className = 'notice ' + (kind || '');
    box.hidden = false;
  }

  function bodyOf(form) {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) { params.append(key, value); }
    // An unchecked box sends nothing; the settings endpoints read a missing field as "unchanged". A box with a value of
    // its own is one of a list (token permissions): it sends that value when ticked, as a plain form does.
    form.querySelectorAll('input[type=checkbox][name]').forEach(function (box) {
      if (box.hasAttribute('value') && box.value !== 'true') { return; }
      params.set(box.name, box.checked ? 'true' : 'false');
    });
    return params;
  }

  // The custom scope's tick boxes show, and are sent, only while that scope is chosen.
  function showScopeFields(form) {
    const boxes = form.querySelector('#custom-permissions');
    const scope = form.querySelector('select[name=scope]');
    if (boxes && scope) { boxes.hidden = boxes.disabled = scope.value !== 'custom'; }
  }

  // Posts and reads the answer: problem is null when the call worked, else what went wrong in the server's words.
  async function call(form, body, headers) {
    const response = await fetch(form.action, { method: 'POST', body: body, headers: headers || {}, credentials: 'same-origin', redirect: 'manual' });
    const result = { problem: null, json: null, text: '', headers: response.headers };
    if (response.type === 'opaqueredirect') { return result; }
    result.text = await response.text();
    if (!response.ok) { result.problem = plain(result.text) || ('The request failed (HTTP ' + response.status + ').'); return result; }
    if (result.text.charAt(0) === '{') {
      try {
        result.json = JSON.parse(result.text);
        if (result.json.status === 'error') { result.problem = result.json.message || 'The request failed.'; }
      } catch (e) { /* not JSON after all */ }
    }
    return result;
  }

  function plain(text) {
    return new DOMParser().parseFromString(text, 'text/html').body.textContent.trim();
  }

  function tokenRow(name, uuid, expiry) {
    const template = document.getElementById('token-row');
    const row = template.content.firstElementChild.cloneNode(true);
    row.dataset.uuid = uuid;
    row.querySelector('.token-name').textContent = name;
    row.querySelector('.token-expiry').textContent = expiry === 'never' ? 'This token does not expire' : 'Expires on ' + expiry;
    row.querySelectorAll('input[name=tokenUuid]').forEach(function (f) { f.value = uuid; });
    row.querySelector('form[data-js=revoke]').dataset.confirm = 'Revoke token \u201c' + name + '\u201d? Scripts using it will stop working.';
    return row;
  }

  function refreshEmpty() {
    const list = document.getElementById('tokens');
    const empty = document.getElementById('no-tokens');
    if (list && empty) { empty.hidden = list.children.length > 0; }
  }

  const handlers = {
    reload: async function (form) {
      const result = await call(form, bodyOf(form));
      const problem = result.problem;
      if (problem) { say(form, problem, 'error'); return; }
      location.reload();
    },
    saved: async function (form) {
      const result = await call(form, bodyOf(form));
      const problem = result.problem;
      say(form, problem || form.dataset.done || 'Saved.', problem ? 'error' : 'success');
      if (!problem && form.dataset.reset !== undefined) { form.reset(); }
    },
    generate: async function (form) {
      const result = await call(form, bodyOf(form));
      const problem = result.problem;
      if (problem) { say(form, 'Token could not be added: ' + problem, 'error'); return; }
      const data = result.json.data;
      const box = document.getElementById('new-token');
      box.querySelector('.new-token-name').textContent = data.tokenName;
      box.querySelector('code').textContent = data.tokenValue;
      box.hidden = false;
      document.getElementById('tokens').appendChild(tokenRow(data.tokenName, data.tokenUuid, data.expirationDate));
      refreshEmpty();
      form.reset();
      showScopeFields(form);
      form.querySelector('[data-role=message]').hidden = true;
    },
    rename: async function (form) {
      const field = form.querySelector('input[name=newName]');
      const row = form.closest('li.token');
      if (field.hidden) {
        field.value = row.querySelector('.token-name').textContent;
        field.hidden = false;
        form.querySelector('button[type=submit]').textContent = 'Save';
        field.focus();
        return;
      }
      const result = await call(form, bodyOf(form));
      const problem = result.problem;
      if (problem) { say(form, problem, 'error'); return; }
      row.querySelector('.token-name').textContent = field.value.trim();
      row.querySelector('form[data-js=revoke]').dataset.confirm = 'Revoke token \u201c' + field.value.trim() + '\u201d? Scripts using it will stop working.';
      field.hidden = true;
      form.querySelector('button[type=submit]').textContent = 'Rename';
    },
    revoke: async function (form) {
      const result = await call(form, bodyOf(form));
      const problem = result.problem;
      if (problem) { say(form, problem, 'error'); return; }
      const row = form.closest('li.token');
      if (row.classList.contains('legacy-token')) {
        const legacy = document.getElementById('legacy-state');
        if (legacy) { legacy.textContent = 'The legacy token has been revoked.'; }
      }
      row.remove();
      refreshEmpty();
    },
    legacy: async function (form) {
      const result = await call(form, bodyOf(form));
      const callback = result.headers.get('X-Jenkins-ValidateButton-Callback');
      const problem = result.problem;
      if (problem) { say(form, problem, 'error'); return; }
      if (!callback) { say(form, plain(result.text), 'error'); return; }
      const value = JSON.parse(callback).arguments[0];
      const box = document.getElementById('legacy-value');
      box.querySelector('code').textContent = value;
      box.hidden = false;
      say(form, plain(result.text), 'success');
    },
    // createItem answers a redirect to the new item's configure page, or Jenkins' message next to the name.
    create: async function (form) {
      const result = await call(form, bodyOf(form));
      const name = form.querySelector('input[name=name]');
      if (result.problem) {
        const box = document.getElementById(name.getAttribute('aria-describedby'));
        box.textContent = result.problem;
        box.className = 'field-message error';
        name.focus();
        return;
      }
      location.href = form.dataset.items + encodeURIComponent(name.value.trim()) + '/configure';
    },
    monitor: async function (form) {
      const values = [];
      form.querySelectorAll('input[data-user]:checked').forEach(function (box) { values.push({ userId: box.dataset.user, uuid: box.dataset.uuid }); });
      if (values.length === 0) { say(form, 'Select at least one user.', 'error'); return; }
      const headers = { 'Content-Type': 'application/json' };
      headers[CRUMB] = crumbOf(form);
      const result = await call(form, JSON.stringify({ values: values }), headers);
      const problem = result.problem;
      if (problem) { say(form, problem, 'error'); return; }
      location.reload();
    },
  };

  document.addEventListener('submit', async function (event) {
    const form = event.target;
    const handler = handlers[form.dataset.js];
    const confirmed = !form.dataset.confirm || window.confirm(form.dataset.confirm);
    if (!handler) { if (!confirmed) { event.preventDefault(); } return; }
    event.preventDefault();
    if (!confirmed) { return; }
    try { await handler(form); } catch (e) { say(form, 'The server could not be reached: ' + e.message, 'error'); }
  });

  // The configure page's rows: "Add" copies the chosen kind's template with the list's next row number;
  // "Delete" removes its row. Focus moves to the new row's first field, or back to the list's Add button.
  function addRow(button) {
    const list = document.getElementById(button.dataset.add + '-list');
    const kind = document.getElementById(button.dataset.kind).value;
    const template = document.getElementById(button.dataset.add + '-template-' + kind);
    const row = template.content.firstElementChild.cloneNode(true);
    const index = list.dataset.next;
    list.dataset.next = String(Number(index) + 1);
    row.querySelectorAll('[name],[id],[for]').forEach(function (field) {
      ['name', 'id', 'for'].forEach(function (attribute) {
        const value = field.getAttribute(attribute);
        if (value) { field.setAttribute(attribute, value.replace('__i__', index)); }
      });
    });
    list.appendChild(row);
    const first = row.querySelector('input:not([type=hidden]), textarea');
    if (first) { first.focus(); }
  }

  function removeRow(button) {
    const add = button.form.querySelector('button[data-add="' + button.dataset.remove + '"]');
    button.closest('.repeat').remove();
    if (add) { add.focus(); }
  }

  // "Move up" / "Move down" swap a row with its neighbour, then number the list's rows in their new order (the
  // server reads rows in the order of their numbers). Focus stays on the pressed button.
  function moveRow(button) {
    const row = button.closest('.repeat');
    const list = row.parentElement;
    const other = button.dataset.move === 'up' ? row.previousElementSibling : row.nextElementSibling;
    if (!other) { return; }
    if (button.dataset.move === 'up') { list.insertBefore(row, other); } else { list.insertBefore(other, row); }
    Array.from(list.children).forEach(function (each, index) {
      each.querySelectorAll('[name],[id],[for],[aria-describedby]').forEach(function (field) {
        ['name', 'id', 'for', 'aria-describedby'].forEach(function (attribute) {
          const value = field.getAttribute(attribute);
          if (value) { field.setAttribute(attribute, value.replace(/^(parameter|builder)([.-])\d+([.-])/, '$1$2' + index + '$3')); }
        });
      });
    });
    list.dataset.next = String(list.children.length);
    button.focus();
  }

  document.addEventListener('click', async function (event) {
    const add = event.target.closest('button[data-add]');
    if (add) { addRow(add); return; }
    const move = event.target.closest('button[data-move]');
    if (move) { moveRow(move); return; }
    const remove = event.target.closest('button[data-remove]');
    if (remove) { removeRow(remove); return; }
    const copy = event.target.closest('button[data-copy]');
    if (copy) {
      const text = document.getElementById(copy.dataset.copy).textContent;
      try { await navigator.clipboard.writeText(text); copy.textContent = 'Copied'; } catch (e) { copy.textContent = 'Select and copy it by hand'; }
    }
  });

  // Jenkins' name checks as the user types: the server answers an HTML fragment; only its text is shown.
  document.addEventListener('input', async function (event) {
    const field = event.target.closest('input[data-check]');
    if (!field) { return; }
    const box = document.getElementById(field.getAttribute('aria-describedby'));
    const value = field.value;
    const response = await fetch(field.dataset.check + encodeURIComponent(value), { credentials: 'same-origin' });
    if (!response.ok) { return; }
    const answer = await response.text();
    // Answers may come back out of order while the user types: only the one for what the field holds now counts.
    if (field.value !== value) { return; }
    const fragment = new DOMParser().parseFromString(answer, 'text/html').body.firstElementChild;
    box.textContent = fragment ? fragment.textContent : '';
    box.className = 'field-message' + (fragment && fragment.classList.contains('error') ? ' error' : '');
  });

  document.addEventListener('change', function (event) {
    const all = event.target.closest('input[data-select-all]');
    if (all) { all.form.querySelectorAll('input[data-user]').forEach(function (box) { box.checked = all.checked; }); }
    const expiry = event.target.closest('select[name=expirationDuration]');
    if (expiry) { expiry.form.querySelector('.custom-date').hidden = expiry.value !== 'custom'; }
    const scope = event.target.closest('select[name=scope]');
    if (scope && scope.form) { showScopeFields(scope.form); }
  });

  // A build page follows its console (progressiveText) until the build ends.
  const consoleBox = document.querySelector('pre.console[data-follow]');
  if (consoleBox) {
    let start = Number(consoleBox.dataset.start || '0');
    const follow = async function () {
      const response = await fetch(consoleBox.dataset.follow + '?start=' + start, { credentials: 'same-origin' });
      if (!response.ok) { return; }
      consoleBox.append(await response.text());
      start = Number(response.headers.get('X-Text-Size') || start);
      if (response.headers.get('X-More-Data') === 'true') { setTimeout(follow, 1000); }
      else {
        const state = document.getElementById('build-state');
        if (state) { state.textContent = 'finished'; }
        document.querySelectorAll('.build-progress').forEach(function (box) { box.hidden = true; });
      }
    };
    follow();
  }

  // A running build's progress moves on from the elapsed time the page was rendered with, up to 99 % (Jenkins').
  document.querySelectorAll('.build-progress[data-estimate]').forEach(function (box) {
    const started = Date.now() - Number(box.dataset.elapsed);
    const estimate = Number(box.dataset.estimate);
    const bar = box.querySelector('progress');
    const percent = box.querySelector('[data-role=percent]');
    setInterval(function () {
      const value = Math.max(0, Math.min(99, Math.floor((Date.now() - started) * 100 / estimate)));
      bar.value = value;
      if (percent) { percent.textContent = String(value); }
    }, 1000);
  });
})();
