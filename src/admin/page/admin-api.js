/* Admin API client for the admin page: every call carries the admin key as a bearer token, and a 401 or 403
 * becomes an AdminAuthError so the page can ask for the key again. Exposed as window.AdminApi. */
(function (root) {
  'use strict';

  var API_BASE = '/api/admin';

  /** Raised when the server rejects the admin key (401 or 403). */
  function AdminAuthError(status) {
    this.name = 'AdminAuthError';
    this.status = status;
    this.message = status === 401 ? 'The admin key is missing or wrong.' : 'This key may not use the admin API.';
  }
  AdminAuthError.prototype = Object.create(Error.prototype);

  /** True when an error means the admin key must be entered again. */
  function isAdminAuthError(error) {
    return error instanceof AdminAuthError;
  }

  function errorFrom(response) {
    return response.text().then(function (body) {
      var detail = body;
      try {
        var json = JSON.parse(body);
        detail = json.message || json.error || body;
      } catch {
        /* the body is plain text */
      }
      return new Error('HTTP ' + response.status + (detail ? ': ' + String(detail).slice(0, 200) : ''));
    });
  }

  /** Creates a client that reads the key through getKey() at each call. */
  function createAdminApi(getKey, fetchImpl) {
    var doFetch = fetchImpl || root.fetch.bind(root);

    function request(method, path, accept, body) {
      var headers = { Authorization: 'Bearer ' + getKey(), Accept: accept || 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      return doFetch((path.charAt(0) === '/' ? API_BASE : '/') + path, {
        method: method,
        headers: headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'omit',
      }).then(function (response) {
        if (response.status === 401 || response.status === 403) throw new AdminAuthError(response.status);
        if (!response.ok)
          return errorFrom(response).then(function (e) {
            throw e;
          });
        return response;
      });
    }

    function json(method, path, body) {
      return request(method, path, undefined, body).then(function (response) {
        return response.json();
      });
    }

    var provider = function (id) {
      return '/providers/' + encodeURIComponent(id);
    };
    var key = function (id) {
      return '/keys/' + encodeURIComponent(id);
    };

    return {
      /** GET /api/admin/overview. */
      overview: function () {
        return json('GET', '/overview');
      },
      /** POST /api/admin/providers/{id}/quotas/reset. */
      resetQuotas: function (id) {
        return json('POST', provider(id) + '/quotas/reset');
      },
      /** POST /api/admin/providers/{id}/breaker/close. */
      closeBreaker: function (id) {
        return json('POST', provider(id) + '/breaker/close');
      },
      /** GET /api/admin/keys: environment and managed keys, company budgets. */
      keys: function () {
        return json('GET', '/keys');
      },
      /** GET /api/admin/budgets: every budget with its spend, and the last budget alerts. */
      budgets: function () {
        return json('GET', '/budgets');
      },
      /** POST /api/admin/keys; the answer holds the secret, shown once. */
      createKey: function (body) {
        return json('POST', '/keys', body);
      },
      /** POST /api/admin/keys/{id}/rotate|disable|enable (a rotation's body: gracePeriodSeconds). */
      keyAction: function (id, action, body) {
        return json('POST', key(id) + '/' + action, body);
      },
      /** DELETE /api/admin/keys/{id}. */
      deleteKey: function (id) {
        return json('DELETE', key(id));
      },
      /** PUT /api/admin/budgets/companies/{companyId}. */
      setCompanyBudget: function (companyId, body) {
        return json('PUT', '/budgets/companies/' + encodeURIComponent(companyId), body);
      },
      /** GET /metrics/costs for a period: totals by operation, model, provider, company and API key. */
      costSummary: function (period) {
        return json('GET', 'metrics/costs?period=' + encodeURIComponent(period));
      },
      /** GET /api/payroll/indicators/fetch/status: the last indicator fetch and what is overdue. */
      payrollIndicators: function () {
        return json('GET', 'api/payroll/indicators/fetch/status');
      },
      /** GET /api/admin/usage.csv for a date range, as a Blob. */
      usageCsv: function (from, to) {
        var query = '?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to);
        return request('GET', '/usage.csv' + query, 'text/csv').then(function (response) {
          return response.blob();
        });
      },
    };
  }

  root.AdminApi = { AdminAuthError: AdminAuthError, createAdminApi: createAdminApi, isAdminAuthError: isAdminAuthError };
})(self);
