/* Returns Drawer embedded admin page. Every call carries App Bridge's session token. */
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var FIELDS = ['provider', 'portal_url', 'enabled', 'return_trigger', 'return_window_days', 'support_email', 'support_url'];
  var providers = [];
  /** The API key is write-only: the page knows only whether one is saved, and what this save will do to it. */
  var apiKeySet = false;
  var removeKey = false;
  var KEY_PROVIDERS = { loop: 'Loop', aftership: 'AfterShip' };
  var devTokenUrl = (document.querySelector('meta[name="returns-drawer-dev-token"]') || {}).content || '';

  function token() {
    if (window.shopify && typeof window.shopify.idToken === 'function') return window.shopify.idToken();
    if (devTokenUrl && devTokenUrl.charAt(0) === '/') {
      return fetch(devTokenUrl).then(function (r) { return r.text(); });
    }
    return Promise.reject(new Error('App Bridge is not available'));
  }

  /** fetch with the session token; a 401 carrying Shopify's retry header is retried once with a fresh token. */
  function api(path, options, retried) {
    options = options || {};
    return token().then(function (t) {
      var headers = Object.assign({ Accept: 'application/json', Authorization: 'Bearer ' + t }, options.headers || {});
      return fetch(path, Object.assign({}, options, { headers: headers }));
    }).then(function (r) {
      if (r.status === 401 && r.headers.get('X-Shopify-Retry-Invalid-Session-Request') === '1' && !retried) {
        return api(path, options, true);
      }
      return r;
    });
  }

  function showBanner(text, tone) {
    if (window.shopify && window.shopify.toast && tone !== 'critical') { window.shopify.toast.show(text); }
    var banner = $('banner');
    banner.textContent = text;
    if (tone) banner.setAttribute('data-tone', tone); else banner.removeAttribute('data-tone');
    banner.hidden = false;
  }

  function clearErrors() {
    FIELDS.forEach(function (f) {
      var el = $(f + '-error');
      if (el) { el.hidden = true; el.textContent = ''; }
      var field = document.querySelector('[data-field="' + f + '"]');
      if (field) field.classList.remove('Polaris-Field--invalid');
      var input = $(f);
      if (input) input.removeAttribute('aria-invalid');
    });
  }

  function showErrors(errors) {
    errors.forEach(function (e) {
      var el = $(e.field + '-error');
      if (!el) return;
      el.textContent = e.message;
      el.hidden = false;
      var field = document.querySelector('[data-field="' + e.field + '"]');
      if (field) field.classList.add('Polaris-Field--invalid');
      var input = $(e.field);
      if (input) input.setAttribute('aria-invalid', 'true');
    });
  }

  function read() {
    var trigger = document.querySelector('input[name="return_trigger"]:checked');
    var windowDays = $('return_window_days').value.trim();
    var body = {
      provider: $('provider').value || null,
      portal_url: $('portal_url').value.trim() || null,
      enabled: $('enabled').checked,
      return_trigger: trigger ? trigger.value : 'delivered',
      return_window_days: windowDays === '' ? null : Number(windowDays),
      support_email: $('support_email').value.trim() || null,
      support_url: $('support_url').value.trim() || null
    };
    if (KEY_PROVIDERS[body.provider]) {
      if (removeKey) body.api_key = null;
      else if (!$('api_key').hidden && $('api_key').value !== '') body.api_key = $('api_key').value;
    }
    return body;
  }

  function keyField() {
    var name = KEY_PROVIDERS[$('provider').value];
    $('api_key-field').hidden = !name;
    if (!name) return;
    $('api_key-help').textContent = 'With your ' + name + ' API key, the link opens the return of exactly this order, already looked up.';
    $('api_key-state').textContent = removeKey ? 'The API key will be removed when you save.'
      : apiKeySet ? 'An API key is saved. It is never shown again.' : 'No API key saved.';
    $('api_key-replace').textContent = apiKeySet ? 'Replace' : 'Add key';
    $('api_key-remove').hidden = !apiKeySet || removeKey;
  }

  function fill(s) {
    $('provider').value = s.provider || '';
    $('portal_url').value = s.portal_url || '';
    $('enabled').checked = !!s.enabled;
    document.querySelectorAll('input[name="return_trigger"]').forEach(function (r) { r.checked = r.value === s.return_trigger; });
    $('return_window_days').value = s.return_window_days == null ? '' : s.return_window_days;
    $('support_email').value = s.support_email || '';
    $('support_url').value = s.support_url || '';
    apiKeySet = !!s.api_key_set;
    removeKey = false;
    $('api_key').value = '';
    $('api_key').hidden = true;
    keyField();
    var on = s.enabled && s.provider && s.portal_url;
    $('state-badge').textContent = on ? 'Returns on' : 'Returns off';
    $('state-badge').setAttribute('data-tone', on ? 'success' : 'attention');
    providerHelp();
  }

  function providerHelp() {
    var p = providers.filter(function (x) { return x.id === $('provider').value; })[0];
    $('provider-help').textContent = !p ? '' : p.id === 'other'
      ? 'Use {order}, {email}, {zip}, {order_id} or {locale} in the URL to prefill it.'
      : p.prefill.length ? 'The link fills in: ' + p.prefill.join(', ') + '.'
      : 'Shoppers type their order number on the portal; the drawer shows it next to the button.';
  }

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
        if (!res.ok) { $('preview-url').textContent = (res.body.errors && res.body.errors[0].message) || 'No preview'; return; }
        $('preview-url').textContent = res.body.url || 'Choose a provider and enter your portal URL.';
        $('preview-order').textContent = res.body.sample ? 'Sample order #1001' : 'Your order ' + (res.body.order_name || res.body.order_id);
      }).catch(function () { /* preview is best effort */ });
    }, 250);
  }

  function save(body) {
    clearErrors();
    $('save').disabled = true;
    return api('/api/settings', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (json) { return { status: r.status, body: json }; }); })
      .then(function (res) {
        if (res.status === 200) {
          fill(res.body);
          showBanner(res.body.enabled ? 'Saved. The Start a return button is live.' : 'Saved. Returns are off: the button is hidden.');
          preview();
        } else if (res.status === 422) {
          showErrors(res.body.errors || []);
          showBanner('Fix the highlighted fields and save again.', 'critical');
        } else {
          showBanner('The settings could not be saved. Please try again.', 'critical');
        }
      })
      .catch(function () { showBanner('The settings could not be saved. Please try again.', 'critical'); })
      .then(function () { $('save').disabled = false; });
  }

  function status() {
    api('/api/status').then(function (r) { return r.json(); }).then(function (s) {
      $('status-installed').textContent = s.installed ? 'Installed' : 'Not installed';
      $('status-orders').textContent = String(s.orders_synced);
      var imp = s.order_import;
      var running = imp && (imp.status === 'running' || imp.status === 'pending');
      $('import-progress').hidden = !running;
      if (running) {
        $('import-label').textContent = 'Importing your orders… ' + imp.imported_count + ' so far';
        $('import-bar').style.width = Math.min(95, 10 + imp.imported_count / 10) + '%';
        setTimeout(status, 2000);
      }
      $('clicks-total').textContent = String(s.return_clicks_30d);
      var max = Math.max.apply(null, s.return_clicks_per_day.map(function (d) { return d.clicks; }).concat([1]));
      var chart = $('clicks-chart');
      chart.replaceChildren();
      s.return_clicks_per_day.forEach(function (d) {
        var bar = document.createElement('span');
        bar.style.height = Math.round(100 * d.clicks / max) + '%';
        bar.title = d.date + ': ' + d.clicks;
        chart.appendChild(bar);
      });
    }).catch(function () { /* shown on next load */ });
  }

  var KINDS = { customers_data_request: 'Customer data request', customers_redact: 'Customer erasure', shop_redact: 'Shop erasure' };

  /** A data request's export, saved as a JSON file through a link to the downloaded bytes. */
  function download(id) {
    api('/api/compliance/requests/' + id).then(function (r) {
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
    }).catch(function () { showBanner('The export could not be downloaded. Please try again.', 'critical'); });
  }

  function requests() {
    api('/api/compliance/requests').then(function (r) { return r.json(); }).then(function (list) {
      var ul = $('requests-list');
      ul.replaceChildren();
      $('requests-empty').hidden = list.length > 0;
      list.forEach(function (q) {
        var li = document.createElement('li');
        li.className = 'Polaris-ResourceItem';
        var text = (KINDS[q.kind] || q.kind) + (q.customer_id ? ' · customer ' + q.customer_id : '') + ' · '
          + String(q.received_at).slice(0, 10);
        li.appendChild(document.createTextNode(text));
        if (q.has_export) {
          var b = document.createElement('button');
          b.type = 'button';
          b.className = 'Polaris-Button';
          b.textContent = 'Download';
          b.setAttribute('data-request-id', String(q.id));
          b.addEventListener('click', function () { download(q.id); });
          li.appendChild(document.createTextNode(' '));
          li.appendChild(b);
        }
        ul.appendChild(li);
      });
    }).catch(function () { /* shown on next load */ });
  }

  document.addEventListener('DOMContentLoaded', function () {
    api('/api/providers').then(function (r) { return r.json(); }).then(function (list) {
      providers = list;
      list.forEach(function (p) {
        var o = document.createElement('option');
        o.value = p.id;
        o.textContent = p.name;
        $('provider').appendChild(o);
      });
      return api('/api/settings').then(function (r) { return r.json(); });
    }).then(function (s) { fill(s); preview(); })
      .catch(function () { showBanner('Returns Drawer could not load your settings. Reload the page.', 'critical'); });
    status();
    requests();
    $('settings').addEventListener('submit', function (e) { e.preventDefault(); save(read()); });
    $('disable').addEventListener('click', function () { var s = read(); s.enabled = false; save(s); });
    $('provider').addEventListener('change', function () { providerHelp(); keyField(); preview(); });
    $('api_key-replace').addEventListener('click', function () {
      removeKey = false;
      $('api_key').hidden = false;
      $('api_key').focus();
      keyField();
    });
    $('api_key-remove').addEventListener('click', function () {
      removeKey = true;
      $('api_key').value = '';
      $('api_key').hidden = true;
      keyField();
    });
    $('portal_url').addEventListener('input', preview);
  });
})();
