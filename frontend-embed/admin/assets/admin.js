/*
 * Returns Drawer's embedded admin page, built from Shopify's Polaris web components and App Bridge
 * (https://shopify.dev/docs/api/app-home). App Bridge's fetch adds the session token to every call to the app's own
 * host, the form's data-save-bar gives the contextual save bar (Save submits the form, Discard resets it), and
 * shopify.toast confirms a save. The words come from the server in the admin's language (#rd-words).
 */
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var WORDS = JSON.parse($('rd-words').textContent);
  // Numbers and dates as the admin user's locale writes them (App Bridge's shopify.config.locale, e.g. de-CH).
  var LOCALE = (window.shopify && shopify.config && shopify.config.locale) || document.documentElement.lang || 'en';
  var FIELDS = ['provider', 'portal_url', 'api_key', 'enabled', 'return_trigger', 'return_window_days', 'support_email', 'support_url'];
  /** Providers whose deep-link API takes a merchant's key (write-only: the page only knows whether one is saved). */
  var KEY_PROVIDERS = { loop: 'Loop', aftership: 'AfterShip' };
  var providers = [];
  var saved = null;

  /** A word in the page's language, with {name} placeholders filled in. */
  function t(key, params) {
    var text = WORDS[key] == null ? key : WORDS[key];
    return params ? text.replace(/\{(\w+)\}/g, function (m, name) { return params[name] == null ? m : String(params[name]); }) : text;
  }

  function number(n) {
    try { return new Intl.NumberFormat(LOCALE).format(n); } catch (e) { return String(n); }
  }

  function day(iso, style) {
    var d = new Date(String(iso).length === 10 ? iso + 'T00:00:00Z' : iso);
    try { return new Intl.DateTimeFormat(LOCALE, style || { dateStyle: 'medium', timeZone: 'UTC' }).format(d); } catch (e) { return String(iso).slice(0, 10); }
  }

  function api(path, options) {
    options = options || {};
    // App Bridge intercepts fetch and adds Authorization: Bearer <id token> for the app's own host.
    return fetch(path, Object.assign({}, options, { headers: Object.assign({ Accept: 'application/json' }, options.headers || {}) }));
  }

  function toast(message, isError) {
    if (window.shopify && shopify.toast) shopify.toast.show(message, isError ? { isError: true } : undefined);
  }

  function banner(text, tone) {
    var b = $('banner');
    if (!text) { b.hidden = true; b.textContent = ''; return; }
    b.setAttribute('tone', tone || 'critical');
    b.textContent = text;
    b.hidden = false;
  }

  /* ---------- the settings form ---------- */

  function clearErrors() {
    FIELDS.forEach(function (f) { var el = $(f); if (el) el.error = ''; });
  }

  function showErrors(errors) {
    var unplaced = [];
    errors.forEach(function (e) {
      var el = $(e.field);
      if (!el) { unplaced.push(e.message); return; }
      if (e.field === 'api_key') { $('api_key').hidden = false; keyState(); }
      el.error = e.message;
    });
    return unplaced;
  }

  function removingKey() { return $('api_key_remove').checked; }

  /** The form as the settings API takes it. */
  function read() {
    var windowDays = String($('return_window_days').value || '').trim();
    var trigger = $('return_trigger').values || [];
    var body = {
      provider: $('provider').value || null,
      portal_url: String($('portal_url').value || '').trim() || null,
      enabled: !!$('enabled').checked,
      return_trigger: trigger[0] || 'delivered',
      return_window_days: windowDays === '' ? null : /^\d+$/.test(windowDays) ? Number(windowDays) : windowDays,
      support_email: String($('support_email').value || '').trim() || null,
      support_url: String($('support_url').value || '').trim() || null
    };
    if (KEY_PROVIDERS[body.provider]) {
      if (removingKey()) body.api_key = null;
      else if (!$('api_key').hidden && $('api_key').value) body.api_key = $('api_key').value;
    }
    return body;
  }

  /** Sets a field's value and its default (the value attribute), so the save bar's Discard comes back to it. */
  function setField(el, value) {
    var v = value == null ? '' : String(value);
    el.setAttribute('value', v);
    el.value = v;
  }

  function fill(s) {
    saved = s;
    var select = $('provider');
    Array.prototype.forEach.call(select.querySelectorAll('s-option'), function (o) {
      if (o.getAttribute('value') === (s.provider || '')) o.setAttribute('selected', ''); else o.removeAttribute('selected');
    });
    setField(select, s.provider);
    setField($('portal_url'), s.portal_url);
    var enabled = $('enabled');
    if (s.enabled) enabled.setAttribute('checked', ''); else enabled.removeAttribute('checked');
    enabled.checked = !!s.enabled;
    var trigger = $('return_trigger');
    Array.prototype.forEach.call(trigger.querySelectorAll('s-choice'), function (c) {
      if (c.getAttribute('value') === s.return_trigger) c.setAttribute('selected', ''); else c.removeAttribute('selected');
    });
    trigger.values = [s.return_trigger || 'delivered'];
    setField($('return_window_days'), s.return_window_days);
    setField($('support_email'), s.support_email);
    setField($('support_url'), s.support_url);
    setField($('api_key'), '');
    $('api_key').hidden = true;
    $('api_key_remove').removeAttribute('checked');
    $('api_key_remove').checked = false;
    clearErrors();
    keyState();
    providerHelp();
    var on = !!(s.enabled && s.provider && s.portal_url);
    var badge = $('state-badge');
    badge.textContent = on ? t('badge.on') : t('badge.off');
    badge.setAttribute('tone', on ? 'success' : 'neutral');
    var toggle = $('toggle-returns');
    toggle.textContent = s.enabled ? t('action.turn_off') : t('action.turn_on');
    toggle.disabled = false;
    preview();
  }

  /** The API key block: shown for Loop and AfterShip; says whether a key is saved, never what it is. */
  function keyState() {
    var name = KEY_PROVIDERS[$('provider').value];
    $('api_key-box').hidden = !name;
    if (!name) return;
    var keySet = !!(saved && saved.api_key_set && saved.provider === $('provider').value);
    var field = $('api_key');
    $('api_key-title').textContent = t('api_key.label', { provider: name });
    field.label = t('api_key.label', { provider: name });
    field.details = t('api_key.details', { provider: name });
    $('api_key-state').textContent = removingKey() ? t('api_key.removing') : keySet ? t('api_key.set') : t('api_key.none');
    $('api_key-replace').textContent = keySet ? t('api_key.replace') : t('api_key.add');
    $('api_key-replace').hidden = !field.hidden || removingKey();
    $('api_key-remove').hidden = !keySet || removingKey() || !field.hidden;
    $('api_key-cancel').hidden = field.hidden && !removingKey();
  }

  function providerHelp() {
    var id = $('provider').value;
    var p = providers.filter(function (x) { return x.id === id; })[0];
    $('provider').details = !p ? '' : p.id === 'other' ? t('provider.help.other')
      : p.prefill.length ? t('provider.help.prefill', { fields: p.prefill.map(function (f) { return t('prefill.' + f); }).join(', ') })
      : t('provider.help.none');
  }

  /** The link a shopper would get, for the newest delivered order (or a sample), as the merchant types. */
  var previewTimer = null;
  function preview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(function () {
      var s = read();
      var q = [];
      if (s.provider) q.push('provider=' + encodeURIComponent(s.provider));
      if (s.portal_url) q.push('portal_url=' + encodeURIComponent(s.portal_url));
      api('/api/settings/preview' + (q.length ? '?' + q.join('&') : '')).then(function (r) {
        return r.json().then(function (body) { return { ok: r.ok, body: body }; });
      }).then(function (res) {
        var link = $('preview-link');
        var empty = $('preview-empty');
        var url = res.ok ? res.body.url : null;
        link.hidden = !url;
        empty.hidden = !!url;
        if (url) {
          link.setAttribute('href', url);
          link.textContent = url;
          $('preview-order').textContent = res.body.sample ? t('preview.sample') : t('preview.order', { order: res.body.order_name || res.body.order_id });
        } else {
          empty.textContent = !res.ok && res.body.errors && res.body.errors[0] ? res.body.errors[0].message : t('preview.empty');
        }
      }).catch(function () { /* the preview is best effort */ });
    }, 250);
  }

  function save(body) {
    clearErrors();
    banner('');
    $('toggle-returns').loading = true;
    return api('/api/settings', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (json) { return { status: r.status, body: json }; }); })
      .then(function (res) {
        if (res.status === 200) {
          fill(res.body);
          toast(res.body.enabled ? t('save.on') : t('save.off'));
        } else if (res.status === 422) {
          var rest = showErrors(res.body.errors || []);
          banner([t('save.invalid')].concat(rest).join(' '), 'critical');
          toast(t('save.invalid'), true);
        } else {
          banner(t('save.failed'), 'critical');
          toast(t('save.failed'), true);
        }
      })
      .catch(function () { banner(t('save.failed'), 'critical'); toast(t('save.failed'), true); })
      .then(function () { $('toggle-returns').loading = false; });
  }

  /* ---------- status, import progress, return clicks ---------- */

  function status() {
    api('/api/status').then(function (r) { return r.json(); }).then(function (s) {
      var badge = $('install-badge');
      badge.textContent = s.installed ? t('status.installed') : t('status.not_installed');
      badge.setAttribute('tone', s.installed ? 'success' : 'critical');
      $('status-orders').textContent = number(s.orders_synced);
      var imp = s.order_import;
      var running = !!imp && (imp.status === 'running' || imp.status === 'pending');
      $('import').hidden = !running;
      $('import-failed').hidden = !(imp && imp.status === 'failed');
      if (running) {
        var imported = imp.imported_count || 0;
        var total = typeof imp.total_count === 'number' && imp.total_count > 0 ? imp.total_count : null;
        var bar = $('import-bar');
        $('import-label').textContent = total == null ? t('import.running_unknown', { imported: number(imported) })
          : t('import.running', { imported: number(imported), total: number(total) });
        if (total == null) {
          bar.removeAttribute('value');
        } else {
          bar.max = total;
          bar.value = Math.min(imported, total);
        }
        setTimeout(status, 2000);
      }
      clicks(s.return_clicks_per_day || []);
    }).catch(function () { /* shown on the next load */ });
  }

  var SVG = 'http://www.w3.org/2000/svg';
  var COLORS = { drawer: '#2c6ecb', accounts: '#9c6ade' };

  function svg(name, attrs, text) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text != null) el.textContent = text;
    return el;
  }

  /**
   * Return clicks per day by surface as stacked bars, with the totals in words (the chart's label) and a table of
   * the days that had any (the text alternative). Days without the per-surface split count as drawer clicks.
   */
  function clicks(days) {
    var rows = days.map(function (d) {
      var accounts = typeof d.customer_account === 'number' ? d.customer_account : 0;
      var drawer = typeof d.drawer === 'number' ? d.drawer : Math.max(0, (d.clicks || 0) - accounts);
      return { date: d.date, drawer: drawer, accounts: accounts };
    });
    var sum = function (k) { return rows.reduce(function (n, r) { return n + r[k]; }, 0); };
    var drawer = sum('drawer');
    var accounts = sum('accounts');
    var summary = drawer + accounts === 0 ? t('clicks.none')
      : t('clicks.summary', { total: number(drawer + accounts), drawer: number(drawer), accounts: number(accounts) });
    $('clicks-summary').textContent = summary;

    var max = Math.max.apply(null, rows.map(function (r) { return r.drawer + r.accounts; }).concat([1]));
    var width = 300, height = 90, chartHeight = 64, slot = width / Math.max(rows.length, 1);
    var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img', 'aria-label': summary, id: 'clicks-svg' });
    chart.appendChild(svg('line', { x1: 0, y1: chartHeight + 0.5, x2: width, y2: chartHeight + 0.5, stroke: '#c9cccf' }));
    rows.forEach(function (r, i) {
      var x = i * slot + slot * 0.15, w = slot * 0.7;
      var hd = chartHeight * r.drawer / max, ha = chartHeight * r.accounts / max;
      var title = day(r.date) + ': ' + r.drawer + ' ' + t('clicks.drawer') + ', ' + r.accounts + ' ' + t('clicks.accounts');
      var g = svg('g', { 'data-date': r.date });
      g.appendChild(svg('title', {}, title));
      if (hd > 0) g.appendChild(svg('rect', { x: x, y: chartHeight - hd, width: w, height: hd, fill: COLORS.drawer, 'class': 'bar-drawer' }));
      if (ha > 0) g.appendChild(svg('rect', { x: x, y: chartHeight - hd - ha, width: w, height: ha, fill: COLORS.accounts, 'class': 'bar-accounts' }));
      chart.appendChild(g);
    });
    [['drawer', t('clicks.drawer')], ['accounts', t('clicks.accounts')]].forEach(function (l, i) {
      var x = i * 150;
      chart.appendChild(svg('rect', { x: x, y: chartHeight + 12, width: 10, height: 10, fill: COLORS[l[0]] }));
      chart.appendChild(svg('text', { x: x + 14, y: chartHeight + 21, 'font-size': 11, fill: 'currentColor' }, l[1]));
    });
    $('clicks-chart').replaceChildren(chart);

    var body = $('clicks-rows');
    body.replaceChildren();
    rows.filter(function (r) { return r.drawer + r.accounts > 0; }).forEach(function (r) {
      body.appendChild(tableRow([day(r.date), number(r.drawer), number(r.accounts)]));
    });
    $('clicks-table').hidden = body.children.length === 0;
  }

  function tableRow(cells) {
    var row = document.createElement('s-table-row');
    cells.forEach(function (c) {
      var cell = document.createElement('s-table-cell');
      if (typeof c === 'string') cell.textContent = c; else cell.appendChild(c);
      row.appendChild(cell);
    });
    return row;
  }

  /* ---------- compliance requests ---------- */

  /** A data request's export, saved as a JSON file from the downloaded bytes. */
  function download(id, button) {
    button.loading = true;
    api('/api/compliance/requests/' + encodeURIComponent(id)).then(function (r) {
      if (!r.ok) throw new Error('no export');
      return r.blob();
    }).then(function (blob) {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'data-request-' + id + '.json';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    }).catch(function () {
      toast(t('requests.download_failed'), true);
    }).then(function () { button.loading = false; });
  }

  function requests() {
    api('/api/compliance/requests').then(function (r) { return r.json(); }).then(function (list) {
      var body = $('requests-list');
      body.replaceChildren();
      $('requests-empty').hidden = list.length > 0;
      $('requests-table').hidden = list.length === 0;
      list.forEach(function (q) {
        var action;
        if (q.has_export) {
          action = document.createElement('s-button');
          action.setAttribute('icon', 'download');
          action.setAttribute('data-request-id', String(q.id));
          action.textContent = t('requests.download');
          action.addEventListener('click', function () { download(q.id, action); });
        } else {
          action = t('requests.no_export');
        }
        var kind = WORDS['requests.kind.' + q.kind] ? t('requests.kind.' + q.kind) : q.kind;
        body.appendChild(tableRow([kind, q.customer_id == null ? '—' : String(q.customer_id),
          day(q.received_at, { dateStyle: 'medium', timeStyle: 'short' }), action]));
      });
    }).catch(function () { /* shown on the next load */ });
  }

  /* ---------- start ---------- */

  function start() {
    var form = $('settings');
    api('/api/providers').then(function (r) {
      if (!r.ok) throw new Error('providers ' + r.status);
      return r.json();
    }).then(function (list) {
      providers = list;
      var select = $('provider');
      list.forEach(function (p) {
        var o = document.createElement('s-option');
        o.setAttribute('value', p.id);
        o.textContent = p.name;
        select.appendChild(o);
      });
      return api('/api/settings').then(function (r) {
        if (!r.ok) throw new Error('settings ' + r.status);
        return r.json();
      });
    }).then(function (s) {
      fill(s);
      $('loading').hidden = true;
      form.hidden = false;
    }).catch(function () {
      $('loading').hidden = true;
      banner(t('load_failed'), 'critical');
    });
    status();
    requests();

    // Save in the contextual save bar submits the form; Discard resets it to the last saved values.
    form.addEventListener('submit', function (e) { e.preventDefault(); save(read()); });
    form.addEventListener('reset', function () {
      // After the browser has put every field back to its default (the saved value), refresh what depends on them.
      setTimeout(function () { if (saved) fill(saved); banner(''); }, 0);
    });
    $('toggle-returns').addEventListener('click', function () {
      if (!saved) return;
      var body = read();
      body.enabled = !saved.enabled;
      save(body);
    });
    $('provider').addEventListener('change', function () { providerHelp(); keyState(); preview(); });
    $('portal_url').addEventListener('input', preview);
    $('api_key-replace').addEventListener('click', function () {
      $('api_key').hidden = false;
      keyState();
      $('api_key').focus();
    });
    $('api_key-remove').addEventListener('click', function () {
      var flag = $('api_key_remove');
      flag.checked = true;
      // The hidden checkbox carries the removal in the form, so the save bar sees it and Discard undoes it.
      flag.dispatchEvent(new Event('change', { bubbles: true }));
      keyState();
    });
    $('api_key-cancel').addEventListener('click', function () {
      var flag = $('api_key_remove');
      flag.checked = false;
      $('api_key').value = '';
      $('api_key').error = '';
      $('api_key').hidden = true;
      flag.dispatchEvent(new Event('change', { bubbles: true }));
      keyState();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
