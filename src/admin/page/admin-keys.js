/* Keys and budgets section of the admin page: the key table with rotate / disable / enable / delete, the
 * create form (the new secret is shown once, never stored), company budgets with their spend, and the last
 * budget alerts. Text is always set with textContent. Exposed as window.AdminKeys. */
(function (root) {
  'use strict';

  var F = root.AdminFormat;
  var $ = function (id) {
    return document.getElementById(id);
  };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (attrs[name] != null) node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  var STATE_TONE = { active: 'ok', disabled: 'bad', expired: 'warn' };
  var list = function (text) {
    return text
      .split(',')
      .map(function (s) {
        return s.trim();
      })
      .filter(Boolean);
  };
  var orNull = function (text) {
    return text.trim() ? Number(text) : null;
  };

  function keyRow(k, act) {
    var limits = k.readOnly
      ? '—'
      : [k.rpmLimit ? k.rpmLimit + ' RPM' : '', k.tpmLimit ? F.formatCount(k.tpmLimit) + ' TPM' : '', k.maxParallelRequests ? k.maxParallelRequests + ' in flight' : ''].filter(Boolean).join(', ') ||
        'none';
    var budget = k.budgetUsd ? F.formatUsd(k.budgetUsd, 2) + ' / ' + k.budgetPeriod : '—';
    var buttons = k.readOnly
      ? [el('span', { class: 'muted small' }, ['environment (read-only)'])]
      : [
          el('button', { type: 'button', class: 'secondary', 'data-testid': 'rotate-' + k.name }, ['Rotate']),
          el('button', { type: 'button', class: 'secondary', 'data-testid': (k.disabled ? 'enable-' : 'disable-') + k.name }, [k.disabled ? 'Enable' : 'Disable']),
          el('button', { type: 'button', class: 'secondary', 'data-testid': 'delete-' + k.name }, ['Delete']),
        ];
    if (!k.readOnly) {
      buttons[0].addEventListener('click', function () {
        act(buttons[0], 'rotate', k);
      });
      buttons[1].addEventListener('click', function () {
        act(buttons[1], k.disabled ? 'enable' : 'disable', k);
      });
      buttons[2].addEventListener('click', function () {
        act(buttons[2], 'delete', k);
      });
    }
    return el('tr', { 'data-testid': 'key-' + k.name, 'data-state': k.state }, [
      el('td', {}, [k.name, k.ownerNote ? el('div', { class: 'muted small' }, [k.ownerNote]) : '']),
      el('td', {}, [
        el('span', { class: 'badge tone-' + (STATE_TONE[k.state] || 'ok'), 'data-testid': 'key-state-' + k.name }, [k.state]),
        k.previousSecretValidUntil
          ? el('div', { class: 'muted small', 'data-testid': 'key-grace-' + k.name }, ['old secret until ' + String(k.previousSecretValidUntil).replace('T', ' ').slice(0, 16) + ' UTC'])
          : '',
      ]),
      el('td', {}, [k.companies && k.companies.length ? k.companies.join(', ') : 'any']),
      el('td', {}, [k.readOnly ? 'any' : k.allowedModels.length ? k.allowedModels.join(', ') : 'any']),
      el('td', {}, [limits]),
      el('td', {}, [budget]),
      el('td', {}, [k.expiresAt ? String(k.expiresAt).slice(0, 10) : '—']),
      el('td', {}, [(k.tags || []).join(', ')]),
      el('td', {}, [el('div', { class: 'actions' }, buttons)]),
    ]);
  }

  function budgetRow(b) {
    var spent = Number(b.spentUsd) / Number(b.limitUsd);
    return el('tr', { 'data-testid': 'budget-' + b.scope + '-' + b.target, 'data-level': F.utilizationLevel(spent) }, [
      el('td', {}, [(b.scope === 'key' ? 'Key ' : 'Company ') + b.target]),
      el('td', {}, [b.period + ' from ' + b.periodStart]),
      el('td', { class: 'num' }, [F.formatUsd(b.limitUsd, 2)]),
      el('td', { class: 'num' }, [F.formatUsd(b.spentUsd, 4) + ' (' + F.formatPercent(spent) + ')']),
      el('td', { class: 'num' }, [F.formatUsd(b.remainingUsd, 4)]),
      el('td', {}, [String(b.resetsAt).replace('T', ' ').slice(0, 16) + ' UTC']),
    ]);
  }

  /** Rows of a `by_…` breakdown of /metrics/costs, most expensive first. */
  function spendRows(breakdown, label, testPrefix) {
    return Object.keys(breakdown || {})
      .map(function (name) {
        return { name: name, row: breakdown[name] };
      })
      .sort(function (x, y) {
        return Number(y.row.cost_usd) - Number(x.row.cost_usd);
      })
      .map(function (entry) {
        return el('tr', { 'data-testid': testPrefix + entry.name }, [
          el('td', {}, [label(entry.name)]),
          el('td', { class: 'num' }, [F.formatCount(entry.row.calls)]),
          el('td', { class: 'num' }, [F.formatCount(entry.row.tokens)]),
          el('td', { class: 'num' }, [F.formatUsd(entry.row.cost_usd, 4)]),
        ]);
      });
  }

  function alertItem(a) {
    return el('li', { 'data-level': a.level }, [
      el('span', { class: 'muted' }, [String(a.createdAt).replace('T', ' ').slice(0, 19)]),
      el('span', { class: 'badge tone-' + (a.level === 'critical' ? 'bad' : 'warn') }, [a.level]),
      el('span', {}, [a.message]),
    ]);
  }

  /** Wires the section to the admin API; `run(button, call, message)` reports success or failure on the page. */
  function mount(api, run) {
    function showSecret(name, secret) {
      var box = $('new-secret');
      box.replaceChildren(el('strong', {}, ['Secret for ' + name + ' (shown once; copy it now): ']), el('code', { 'data-testid': 'new-secret-value' }, [secret]));
      box.hidden = false;
    }

    function act(button, action, k) {
      if (action === 'delete' && !root.confirm('Delete key ' + k.name + '? Callers using it are refused at once.')) return;
      var body;
      if (action === 'rotate') {
        var hours = root.prompt('Rotate ' + k.name + ': for how many hours should the old secret keep working? (0 stops it at once; at most 720)', '24');
        if (hours === null) return;
        if (!/^\s*\d+(\.\d+)?\s*$/.test(hours)) {
          run(button, function () {
            return Promise.reject(new Error('The grace period must be a number of hours, such as 24 or 0.'));
          });
          return;
        }
        body = { gracePeriodSeconds: Math.round(Number(hours) * 3600) };
      }
      run(
        button,
        function () {
          var call = action === 'delete' ? api.deleteKey(k.id) : api.keyAction(k.id, action, body);
          return call.then(function (answer) {
            if (answer && answer.secret) showSecret(k.name, answer.secret);
          });
        },
        'Key ' + k.name + ': ' + action + ' done.',
      );
    }

    function load() {
      return Promise.all([api.keys(), api.budgets(), api.costSummary('month')]).then(function (answers) {
        var keys = answers[0].keys || [];
        var budgets = answers[1];
        var spend = answers[2];
        var byKey = spendRows(
          spend.by_api_key,
          function (name) {
            return name;
          },
          'spend-key-',
        );
        var byCompany = spendRows(
          spend.by_company,
          function (name) {
            return name === 'none' ? 'no company' : 'Company ' + name;
          },
          'spend-company-',
        );
        var none = function () {
          return [el('tr', {}, [el('td', { colspan: '4', class: 'muted' }, ['No spend this month.'])])];
        };
        $('spend-keys').replaceChildren.apply($('spend-keys'), byKey.length ? byKey : none());
        $('spend-companies').replaceChildren.apply($('spend-companies'), byCompany.length ? byCompany : none());
        $('keys').replaceChildren.apply(
          $('keys'),
          keys.map(function (k) {
            return keyRow(k, act);
          }),
        );
        var rows = (budgets.budgets || []).map(budgetRow);
        $('budgets').replaceChildren.apply($('budgets'), rows.length ? rows : [el('tr', {}, [el('td', { colspan: '6', class: 'muted' }, ['No budgets.'])])]);
        var alerts = (budgets.alerts || []).map(alertItem);
        $('budget-alerts').replaceChildren.apply($('budget-alerts'), alerts.length ? alerts : [el('li', { class: 'empty' }, ['No budget alerts.'])]);
      });
    }

    $('key-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var body = {
        name: $('key-name').value.trim(),
        ownerNote: $('key-owner').value.trim(),
        companies: list($('key-companies').value).map(Number),
        allowedModels: list($('key-models').value),
        rpmLimit: orNull($('key-rpm').value),
        tpmLimit: orNull($('key-tpm').value),
        maxParallelRequests: orNull($('key-parallel').value),
        budgetUsd: $('key-budget').value.trim() || null,
        budgetPeriod: $('key-budget').value.trim() ? $('key-period').value : null,
        expiresAt: $('key-expires').value ? $('key-expires').value + 'T23:59:59Z' : null,
        tags: list($('key-tags').value),
      };
      run(
        event.submitter || $('key-form').querySelector('button'),
        function () {
          return api.createKey(body).then(function (answer) {
            showSecret(answer.key.name, answer.secret);
            $('key-form').reset();
          });
        },
        'Key ' + body.name + ' created.',
      );
    });

    $('budget-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var companyId = $('budget-company').value.trim();
      var body = { limitUsd: $('budget-limit').value.trim(), period: $('budget-period').value };
      run(
        event.submitter || $('budget-form').querySelector('button'),
        function () {
          return api.setCompanyBudget(companyId, body).then(function () {
            $('budget-form').reset();
          });
        },
        'Budget of company ' + companyId + ' set.',
      );
    });

    return { load: load };
  }

  root.AdminKeys = { mount: mount };
})(self);
