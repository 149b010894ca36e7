/* Admin page controller: asks for the admin key (kept in sessionStorage only), loads the overview every
 * 10 seconds, and wires the quota reset, breaker force-close and CSV export actions. */
(function (root) {
  'use strict';

  var KEY_STORAGE = 'odoo-ai-gateway.admin-key';
  var REFRESH_MS = 10000;
  var F = root.AdminFormat;
  var R = root.AdminRender;
  var $ = function (id) {
    return document.getElementById(id);
  };

  var api = root.AdminApi.createAdminApi(function () {
    return sessionStorage.getItem(KEY_STORAGE) || '';
  });
  var keysSection = root.AdminKeys.mount(api, function (button, call, message) {
    return runAction(button, call, message);
  });
  var timer = null;
  var loading = false;

  function show(node, visible) {
    node.hidden = !visible;
  }

  function showLogin(message) {
    clearTimeout(timer);
    timer = null;
    sessionStorage.removeItem(KEY_STORAGE);
    show($('dashboard'), false);
    show($('logout'), false);
    show($('login'), true);
    $('login-error').textContent = message || '';
    show($('login-error'), Boolean(message));
    $('last-updated').textContent = '';
    $('admin-key').focus();
  }

  function showDashboard() {
    show($('login'), false);
    show($('login-error'), false);
    show($('dashboard'), true);
    show($('logout'), true);
  }

  var statusTimer = null;
  function flash(message, isError) {
    var node = isError ? $('load-error') : $('status');
    node.textContent = message;
    show(node, true);
    if (!isError) {
      clearTimeout(statusTimer);
      statusTimer = setTimeout(function () {
        show(node, false);
      }, 5000);
    }
  }

  /** Routes a failed call: a rejected key returns to the login form, anything else is shown on the page. */
  function handleError(error) {
    if (root.AdminApi.isAdminAuthError(error)) showLogin(error.message + ' Enter the admin key again.');
    else flash('Request failed: ' + error.message, true);
  }

  function render(overview) {
    R.renderProviders($('providers'), overview.providers, { onResetQuotas: resetQuotas, onCloseBreaker: closeBreaker });
    R.renderCosts({ today: $('cost-today'), month: $('cost-month'), projected: $('cost-projected'), chart: $('cost-chart') }, overview.costs);
    R.renderAlerts($('alerts'), overview.alerts);
    R.renderPerformance($('performance'), overview.performance);
    R.renderModelRetirements($('model-retirements'), overview.modelRetirements);
    $('last-updated').textContent = 'Updated ' + new Date(overview.generatedAt || Date.now()).toLocaleTimeString();
  }

  function scheduleRefresh() {
    clearTimeout(timer);
    timer = setTimeout(refresh, REFRESH_MS);
  }

  /** Fills the payroll indicators panel (overdue months, last fetch); a failure there does not affect the rest. */
  function loadPayrollIndicators() {
    return api.payrollIndicators().then(
      function (status) {
        R.renderPayrollIndicators($('payroll-indicators'), status);
      },
      function () {
        $('payroll-indicators').textContent = 'Payroll indicator status unavailable.';
      },
    );
  }

  /** Loads the overview once and schedules the next load; calls never overlap. */
  function refresh() {
    if (loading || !sessionStorage.getItem(KEY_STORAGE)) return Promise.resolve();
    loading = true;
    return api
      .overview()
      .then(function (overview) {
        showDashboard();
        show($('load-error'), false);
        render(overview);
        loadPayrollIndicators();
        return keysSection.load();
      })
      .catch(handleError)
      .then(function () {
        loading = false;
        if (sessionStorage.getItem(KEY_STORAGE)) scheduleRefresh();
      });
  }

  function runAction(button, call, doneMessage) {
    button.disabled = true;
    return call()
      .then(function () {
        flash(doneMessage, false);
        return refresh();
      })
      .catch(handleError)
      .then(function () {
        button.disabled = false;
      });
  }

  function resetQuotas(provider, button) {
    return runAction(
      button,
      function () {
        return api.resetQuotas(provider);
      },
      'Quotas of ' + provider + ' reset.',
    );
  }

  function closeBreaker(provider, button) {
    return runAction(
      button,
      function () {
        return api.closeBreaker(provider);
      },
      'Breaker of ' + provider + ' closed.',
    );
  }

  function exportCsv(event) {
    event.preventDefault();
    var from = $('export-from').value;
    var to = $('export-to').value;
    var button = event.submitter || $('export-form').querySelector('button');
    return runAction(
      button,
      function () {
        return api.usageCsv(from, to).then(function (blob) {
          var url = URL.createObjectURL(blob);
          var link = document.createElement('a');
          link.href = url;
          link.download = 'usage-' + from + '-to-' + to + '.csv';
          document.body.appendChild(link);
          link.click();
          link.remove();
          setTimeout(function () {
            URL.revokeObjectURL(url);
          }, 1000);
        });
      },
      'Usage CSV for ' + from + ' to ' + to + ' downloaded.',
    );
  }

  function login(event) {
    event.preventDefault();
    var key = $('admin-key').value.trim();
    if (!key) return;
    sessionStorage.setItem(KEY_STORAGE, key);
    $('admin-key').value = '';
    refresh();
  }

  function init() {
    var range = F.monthToDateRange(new Date());
    $('export-from').value = range.from;
    $('export-to').value = range.to;
    $('login-form').addEventListener('submit', login);
    $('export-form').addEventListener('submit', exportCsv);
    $('logout').addEventListener('click', function () {
      showLogin('');
    });
    if (sessionStorage.getItem(KEY_STORAGE)) refresh();
    else showLogin('');
  }

  init();
})(self);
