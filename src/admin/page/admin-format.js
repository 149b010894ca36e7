/* Pure formatting and layout helpers for the admin page. Loaded by the browser as a classic script
 * (window.AdminFormat) and by Jest through CommonJS; it touches no DOM and no clock of its own. */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.AdminFormat = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  var DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

  /** Splits a decimal string into sign, integer digits and fraction digits, expanding exponent notation; null when it is not a number. */
  function parseDecimal(text) {
    var match = DECIMAL.exec(String(text == null ? '' : text).trim());
    if (!match || (match[2] === '' && (match[3] === undefined || match[3] === ''))) return null;
    var digits = (match[2] || '') + (match[3] || '');
    var point = (match[2] || '').length + (match[4] ? parseInt(match[4], 10) : 0);
    if (point <= 0) {
      digits = '0'.repeat(1 - point) + digits;
      point = 1;
    }
    if (point > digits.length) digits = digits + '0'.repeat(point - digits.length);
    var integer = digits.slice(0, point).replace(/^0+(?=\d)/, '');
    return { negative: match[1] === '-', integer: integer, fraction: digits.slice(point) };
  }

  /** Adds one to a string of decimal digits ("199" -> "200", "99" -> "100"). */
  function incrementDigits(digits) {
    var chars = digits.split('');
    for (var i = chars.length - 1; i >= 0; i--) {
      if (chars[i] !== '9') {
        chars[i] = String.fromCharCode(chars[i].charCodeAt(0) + 1);
        return chars.join('');
      }
      chars[i] = '0';
    }
    return '1' + chars.join('');
  }

  /** Rounds a decimal string half away from zero to a fixed number of decimals, by digit manipulation only. */
  function roundDecimal(text, decimals) {
    var parts = parseDecimal(text);
    if (!parts) return null;
    var places = decimals == null ? 2 : decimals;
    var fraction = (parts.fraction + '0'.repeat(places + 1)).slice(0, places + 1);
    var kept = parts.integer + fraction.slice(0, places);
    if (fraction.charAt(places) >= '5') kept = incrementDigits(kept);
    var integer = kept.slice(0, kept.length - places) || '0';
    var rounded = places > 0 ? integer + '.' + kept.slice(kept.length - places) : integer;
    var isZero = /^[0.]*$/.test(rounded);
    return { negative: parts.negative && !isZero, integer: integer, text: rounded };
  }

  function groupThousands(integer) {
    return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  /** Formats a decimal money string as US dollars with fixed decimals ("1234.5" -> "$1,234.50"); "—" when unreadable. */
  function formatUsd(text, decimals) {
    var rounded = roundDecimal(text, decimals == null ? 2 : decimals);
    if (!rounded) return '—';
    var grouped = groupThousands(rounded.integer) + rounded.text.slice(rounded.integer.length);
    return (rounded.negative ? '-$' : '$') + grouped;
  }

  /** Formats a 0..1 ratio as a percentage with one decimal ("0.973" -> "97.3%"). */
  function formatPercent(ratio, decimals) {
    if (typeof ratio !== 'number' || !isFinite(ratio)) return '—';
    return (ratio * 100).toFixed(decimals == null ? 1 : decimals) + '%';
  }

  /** Formats milliseconds for people: "850 ms" below a second, "1.25 s" above. */
  function formatMs(ms) {
    if (typeof ms !== 'number' || !isFinite(ms)) return '—';
    return ms < 1000 ? Math.round(ms) + ' ms' : (ms / 1000).toFixed(2) + ' s';
  }

  /** Formats a count with thousands separators ("1234567" -> "1,234,567"). */
  function formatCount(n) {
    if (typeof n !== 'number' || !isFinite(n)) return '—';
    var sign = n < 0 ? '-' : '';
    return sign + groupThousands(String(Math.round(Math.abs(n))));
  }

  /** Level of a quota utilization ratio: "ok" below 80%, "warning" below 95%, else "critical". */
  function utilizationLevel(ratio) {
    if (typeof ratio !== 'number' || !isFinite(ratio)) return 'ok';
    return ratio >= 0.95 ? 'critical' : ratio >= 0.8 ? 'warning' : 'ok';
  }

  /** CSS modifier for a provider state or breaker state (healthy/closed: ok, degraded/half-open: warn, down/open: bad). */
  function stateTone(state) {
    if (state === 'healthy' || state === 'closed') return 'ok';
    if (state === 'degraded' || state === 'half-open') return 'warn';
    if (state === 'down' || state === 'open') return 'bad';
    return 'unknown';
  }

  function isoDate(date) {
    return date.toISOString().slice(0, 10);
  }

  /** The first day of the current UTC month and today, as YYYY-MM-DD, for the CSV export defaults. */
  function monthToDateRange(now) {
    var first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    return { from: isoDate(first), to: isoDate(now) };
  }

  /** The newest alerts first, at most `limit` of them (20 by default). */
  function latestAlerts(alerts, limit) {
    return (alerts || [])
      .slice()
      .sort(function (a, b) {
        return String(b.createdAt).localeCompare(String(a.createdAt));
      })
      .slice(0, limit == null ? 20 : limit);
  }

  /** Bar geometry for the daily cost chart; the float here only sizes bars, labels keep the exact strings. */
  function dailyCostBars(daily, width, height) {
    var days = daily || [];
    var values = days.map(function (d) {
      var v = parseFloat(d.costUsd);
      return isFinite(v) && v > 0 ? v : 0;
    });
    var max = Math.max.apply(null, values.concat([0]));
    var slot = days.length > 0 ? width / days.length : 0;
    var gap = Math.min(4, slot * 0.2);
    return days.map(function (d, i) {
      var h = max > 0 ? Math.max(values[i] > 0 ? 1 : 0, (values[i] / max) * height) : 0;
      return { date: d.date, label: d.date + ': ' + formatUsd(d.costUsd, 2), x: i * slot + gap / 2, width: Math.max(slot - gap, 1), y: height - h, height: h };
    });
  }

  return {
    dailyCostBars: dailyCostBars,
    formatCount: formatCount,
    formatMs: formatMs,
    formatPercent: formatPercent,
    formatUsd: formatUsd,
    latestAlerts: latestAlerts,
    monthToDateRange: monthToDateRange,
    roundDecimal: roundDecimal,
    stateTone: stateTone,
    utilizationLevel: utilizationLevel,
  };
});
