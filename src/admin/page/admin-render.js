/* DOM rendering for the admin page: provider cards with quota bars, cost figures and the daily SVG chart,
 * alerts and the performance table. Text is always set with textContent. Exposed as window.AdminRender. */
(function (root) {
  'use strict';

  var F = root.AdminFormat;
  var SVG_NS = 'http://www.w3.org/2000/svg';
  var WINDOW_LABELS = { rpm: 'RPM', tpm: 'TPM', rpd: 'RPD' };

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

  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(child);
    });
    return node;
  }

  function badge(text, tone, testId) {
    return el('span', { class: 'badge tone-' + tone, 'data-testid': testId }, [text]);
  }

  function quotaRow(providerId, quota) {
    var limit = quota.limit;
    var utilization = typeof quota.utilization === 'number' ? quota.utilization : limit ? quota.used / limit : 0;
    var level = F.utilizationLevel(utilization);
    var width = Math.max(0, Math.min(100, utilization * 100));
    var text = limit ? F.formatCount(quota.used) + ' / ' + F.formatCount(limit) + ' (' + F.formatPercent(utilization) + ')' : F.formatCount(quota.used) + ' / no limit';
    var fill = el('div', { class: 'quota-fill level-' + level });
    fill.style.width = width.toFixed(1) + '%'; // through CSSOM, which a strict style-src CSP allows
    return el('div', { class: 'quota', 'data-testid': 'quota-' + providerId + '-' + quota.window, 'data-level': level, 'data-utilization': String(utilization) }, [
      el('span', { class: 'quota-label' }, [WINDOW_LABELS[quota.window] || quota.window]),
      el('div', { class: 'quota-bar', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': width.toFixed(0) }, [fill]),
      el('span', { class: 'quota-text' }, [text]),
    ]);
  }

  function stat(label, value) {
    return el('div', { class: 'stat' }, [el('dt', {}, [label]), el('dd', {}, [value])]);
  }

  function providerCard(p, actions) {
    var id = p.provider;
    var latency = p.latencyMs || {};
    var stats = [
      stat('Requests', F.formatCount(p.requests)),
      stat('Error rate', F.formatPercent(p.errorRate)),
      stat('Breaker', badge(p.breaker, F.stateTone(p.breaker), 'breaker-' + id)),
      stat('p50', F.formatMs(latency.p50)),
      stat('p95', F.formatMs(latency.p95)),
      stat('p99', F.formatMs(latency.p99)),
    ];
    var resetButton = el('button', { type: 'button', class: 'secondary', 'data-testid': 'reset-quotas-' + id }, ['Reset quotas']);
    var closeButton = el('button', { type: 'button', class: 'secondary', 'data-testid': 'close-breaker-' + id }, ['Force-close breaker']);
    resetButton.addEventListener('click', function () {
      actions.onResetQuotas(id, resetButton);
    });
    closeButton.addEventListener('click', function () {
      actions.onCloseBreaker(id, closeButton);
    });
    var tone = p.configured === false ? 'unknown' : F.stateTone(p.state);
    return el('article', { class: 'card tone-' + tone, 'data-testid': 'provider-' + id, 'data-state': p.state }, [
      el('div', { class: 'card-head' }, [
        el('span', { class: 'card-title' }, [id]),
        p.configured === false ? badge('not configured', 'unknown', 'state-' + id) : badge(p.state, F.stateTone(p.state), 'state-' + id),
      ]),
      el('dl', { class: 'stats' }, stats),
      el(
        'div',
        { class: 'quotas' },
        (p.quotas || []).map(function (q) {
          return quotaRow(id, q);
        }),
      ),
      el('div', { class: 'actions' }, [resetButton, closeButton]),
    ]);
  }

  /** Replaces the provider cards; actions = { onResetQuotas(id, button), onCloseBreaker(id, button) }. */
  function renderProviders(container, providers, actions) {
    var cards = (providers || []).map(function (p) {
      return providerCard(p, actions);
    });
    container.replaceChildren.apply(container, cards.length ? cards : [el('p', { class: 'muted' }, ['No providers reported.'])]);
  }

  /** Draws the daily cost bars as an SVG, with each bar's exact amount in its tooltip. */
  function renderCostChart(container, daily) {
    var width = 600;
    var height = 140;
    var bars = F.dailyCostBars(daily, width, height - 16);
    if (bars.length === 0) {
      container.replaceChildren(el('p', { class: 'muted' }, ['No cost recorded yet.']));
      return;
    }
    var nodes = bars.map(function (b) {
      return svg('rect', { class: 'bar', x: b.x.toFixed(2), y: b.y.toFixed(2), width: b.width.toFixed(2), height: b.height.toFixed(2), 'data-date': b.date }, [
        svg('title', {}, [document.createTextNode(b.label)]),
      ]);
    });
    nodes.push(svg('line', { class: 'axis', x1: '0', y1: String(height - 16), x2: String(width), y2: String(height - 16) }));
    nodes.push(svg('text', { class: 'tick', x: '0', y: String(height - 2) }, [document.createTextNode(bars[0].date)]));
    nodes.push(svg('text', { class: 'tick', x: String(width), y: String(height - 2), 'text-anchor': 'end' }, [document.createTextNode(bars[bars.length - 1].date)]));
    container.replaceChildren(svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'Cost per day' }, nodes));
  }

  /** Fills the three cost figures and the chart; amounts stay decimal strings until formatted. */
  function renderCosts(nodes, costs) {
    var c = costs || {};
    nodes.today.textContent = F.formatUsd(c.todayUsd);
    nodes.month.textContent = F.formatUsd(c.monthToDateUsd);
    nodes.projected.textContent = F.formatUsd(c.projectedMonthUsd);
    renderCostChart(nodes.chart, c.daily);
  }

  /** Lists the newest 20 alerts. */
  function renderAlerts(list, alerts) {
    var items = F.latestAlerts(alerts, 20).map(function (a) {
      return el('li', { 'data-level': a.level }, [
        el('span', { class: 'muted' }, [String(a.createdAt).replace('T', ' ').slice(0, 19)]),
        badge(a.level, a.level === 'critical' ? 'bad' : 'warn'),
        el('span', {}, [a.provider + ' ' + a.window + ' ' + F.formatPercent(a.utilization) + (a.message ? ' — ' + a.message : '')]),
      ]);
    });
    list.replaceChildren.apply(list, items.length ? items : [el('li', { class: 'empty' }, ['No alerts.'])]);
  }

  /** Catalog models shut down, or shutting down within 60 days, and what answers for them. */
  function renderModelRetirements(list, retirements) {
    var items = (retirements || []).map(function (r) {
      var then = r.successor ? 'answered by ' + r.successor : 'no successor: requests still go to the vendor';
      var when = r.retired ? 'retired on ' + r.retiresOn : 'retires on ' + r.retiresOn + ' (in ' + r.daysLeft + ' days)';
      return el('li', { class: r.retired ? 'retired' : 'upcoming', 'data-model': r.model }, [r.model + ' ' + when + ', ' + then]);
    });
    list.replaceChildren.apply(list, items.length ? items : [el('li', { class: 'empty' }, ['No catalog model retires within 60 days.'])]);
  }

  /** Fills the per-provider performance table. */
  function renderPerformance(tbody, rows) {
    tbody.replaceChildren.apply(
      tbody,
      (rows || []).map(function (r) {
        return el('tr', { 'data-testid': 'performance-' + r.provider }, [
          el('td', {}, [r.provider]),
          el('td', { class: 'num' }, [F.formatCount(r.requests)]),
          el('td', { class: 'num' }, [F.formatPercent(r.successRate)]),
          el('td', { class: 'num' }, [F.formatMs(r.meanLatencyMs)]),
          el('td', { class: 'num' }, [F.formatCount(r.tokens)]),
          el('td', { class: 'num' }, [F.formatUsd(r.costUsd, 4)]),
        ]);
      }),
    );
  }

  /** Payroll indicators: months still carried forward after their publishing day, then the last fetch and its refusals. */
  function renderPayrollIndicators(list, status) {
    var items = [];
    (status.overdue || []).forEach(function (o) {
      var source = o.group === 'sii' ? 'SII (UF/UTM)' : 'Previred';
      items.push(el('li', { class: 'alert critical' }, [o.period + ': ' + source + ' not published after day ' + o.due_day + ', still carried forward: ' + o.indicators.join(', ')]));
    });
    var run = status.last_run;
    if (run) {
      items.push(el('li', {}, ['Last fetch ' + run.finished_at + ' (' + run.trigger + '): ' + run.status + ', ' + run.changes.length + ' month(s) changed']));
      (run.refused || []).forEach(function (r) {
        items.push(el('li', { class: 'alert warning' }, ['Refused ' + r.period + ' ' + r.key + ': ' + r.reason]));
      });
      (run.sources || [])
        .filter(function (s) {
          return !s.ok;
        })
        .forEach(function (s) {
          items.push(el('li', { class: 'alert warning' }, [s.source + ' failed: ' + s.error]));
        });
    }
    list.replaceChildren.apply(list, items.length ? items : [el('li', { class: 'empty' }, ['No fetch yet; nothing overdue.'])]);
  }

  root.AdminRender = {
    renderModelRetirements: renderModelRetirements,
    renderPayrollIndicators: renderPayrollIndicators,
    renderAlerts: renderAlerts,
    renderCosts: renderCosts,
    renderPerformance: renderPerformance,
    renderProviders: renderProviders,
  };
})(self);
