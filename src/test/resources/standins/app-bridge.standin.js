/*
 * TEST STAND-IN for https://cdn.shopify.com/shopifycloud/app-bridge.js, served by the browser tests through
 * Playwright's request routing (the CDN is out of reach on the test machines). It implements only the documented
 * surface the admin page uses (shopify.dev: docs/api/app-home):
 *   - shopify.config (apiKey from <meta name="shopify-api-key">, shop, locale);
 *   - shopify.idToken(): a session token, minted by the Java test (window.__standInIdToken, a Playwright binding);
 *   - fetch to the app's own origin gets "Authorization: Bearer <id token>" and the admin locale as Accept-Language;
 *     a 401 carrying X-Shopify-Retry-Invalid-Session-Request: 1 is retried once with a fresh token;
 *   - shopify.toast.show(message, {isError}) shows the message (and records it in window.__standIn.toasts);
 *   - forms with data-save-bar: a save bar appears when a field's value differs from its initial (default) value,
 *     Save submits the form, Discard resets it; it hides when the form is submitted or reset.
 * Nothing here is Shopify's code.
 */
(function () {
  'use strict';
  var nativeFetch = window.fetch.bind(window);
  var params = new URLSearchParams(location.search);
  var meta = document.querySelector('meta[name="shopify-api-key"]');
  var state = { toasts: [], authorized: 0 };
  window.__standIn = state;

  function idToken() {
    return Promise.resolve(window.__standInIdToken());
  }

  function toastShow(message, opts) {
    var isError = !!(opts && opts.isError);
    state.toasts.push({ message: message, isError: isError });
    var box = document.createElement('div');
    box.className = 'standin-toast';
    box.setAttribute('role', 'status');
    box.setAttribute('data-error', String(isError));
    box.textContent = message;
    box.style.cssText = 'position:fixed;bottom:16px;left:50%;transform:translateX(-50%);padding:10px 16px;border-radius:8px;'
      + 'color:#fff;font:14px system-ui,sans-serif;z-index:1000;background:' + (isError ? '#8e1f0b' : '#303030');
    document.body.appendChild(box);
    setTimeout(function () { box.remove(); }, (opts && opts.duration) || 5000);
    return 'toast-' + state.toasts.length;
  }

  window.shopify = {
    config: {
      apiKey: meta ? meta.content : '',
      shop: params.get('shop') || '',
      host: params.get('host') || '',
      locale: params.get('locale') || 'en-US'
    },
    idToken: idToken,
    toast: { show: toastShow, hide: function () {} }
  };

  window.fetch = function (input, init) {
    var url = new URL(typeof input === 'string' ? input : input.url, location.href);
    if (url.origin !== location.origin) return nativeFetch(input, init);
    var send = function () {
      return idToken().then(function (token) {
        var headers = new Headers((init && init.headers) || {});
        headers.set('Authorization', 'Bearer ' + token);
        headers.set('Accept-Language', window.shopify.config.locale);
        state.authorized++;
        return nativeFetch(input, Object.assign({}, init, { headers: headers }));
      });
    };
    return send().then(function (response) {
      return response.status === 401 && response.headers.get('X-Shopify-Retry-Invalid-Session-Request') === '1' ? send() : response;
    });
  };

  function toggle(el) { return el.tagName === 'S-SWITCH' || el.type === 'checkbox' || el.type === 'radio'; }

  /** A control's current and default value, for the controls the page's forms hold. */
  function current(el) {
    if (el.tagName === 'S-CHOICE-LIST') return JSON.stringify(el.values || []);
    if (toggle(el)) return String(!!el.checked);
    return String(el.value == null ? '' : el.value);
  }

  function initial(el) {
    if (el.tagName === 'S-CHOICE-LIST') {
      return JSON.stringify(Array.prototype.filter.call(el.querySelectorAll('s-choice'), function (c) { return c.hasAttribute('selected'); })
        .map(function (c) { return c.getAttribute('value'); }));
    }
    if (el.tagName === 'S-SELECT') {
      var o = el.querySelector('s-option[selected]');
      return o ? o.getAttribute('value') : '';
    }
    if (toggle(el)) return String(!!el.defaultChecked);
    return String(el.defaultValue == null ? '' : el.defaultValue);
  }

  function saveBar(form) {
    var bar = document.createElement('div');
    bar.id = 'standin-save-bar';
    bar.setAttribute('role', 'region');
    bar.setAttribute('aria-label', 'Unsaved changes');
    bar.style.cssText = 'position:fixed;top:0;left:0;right:0;display:none;gap:8px;justify-content:flex-end;align-items:center;'
      + 'padding:8px 16px;background:#1a1a1a;color:#fff;font:14px system-ui,sans-serif;z-index:999';
    var label = document.createElement('span');
    label.textContent = 'Unsaved changes';
    label.style.marginRight = 'auto';
    var discard = document.createElement('button');
    discard.type = 'button';
    discard.textContent = 'Discard';
    discard.onclick = function () { form.reset(); };
    var save = document.createElement('button');
    save.type = 'button';
    save.textContent = 'Save';
    save.onclick = function () { form.requestSubmit(); };
    bar.append(label, discard, save);
    document.body.appendChild(bar);
    var shown = function (on) { bar.hidden = !on; bar.style.display = on ? 'flex' : 'none'; };
    shown(false);
    var changed = function () {
      return Array.prototype.filter.call(form.elements, function (el) { return el.name && current(el) !== initial(el); })
        .map(function (el) { return el.name + ': ' + initial(el) + ' -> ' + current(el); });
    };
    state.changed = changed;
    var check = function () { shown(changed().length > 0); };
    form.addEventListener('input', check);
    form.addEventListener('change', check);
    form.addEventListener('submit', function () { shown(false); });
    form.addEventListener('reset', function () { shown(false); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-save-bar]'), saveBar);
  });
})();
