/*
 * Local stand-in for App Bridge on /dev/admin (the dev environment only; the production page loads Shopify's
 * app-bridge.js from the CDN). Outside the Shopify admin the real App Bridge has no admin to talk to, so this gives
 * the page what it uses: shopify.idToken() with tokens minted by the local server for the demo shop, fetch calls to
 * the app's own host carrying them, shopify.toast, and a plain save bar for forms with data-save-bar.
 */
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var nativeFetch = window.fetch.bind(window);
  var meta = document.querySelector('meta[name="shopify-api-key"]');

  function idToken() {
    return nativeFetch('/dev/session-token', { cache: 'no-store' }).then(function (r) { return r.text(); });
  }

  function note(text, isError) {
    var box = document.createElement('div');
    box.setAttribute('role', 'status');
    box.textContent = text;
    box.style.cssText = 'position:fixed;bottom:16px;left:50%;transform:translateX(-50%);padding:10px 16px;border-radius:8px;'
      + 'color:#fff;font:14px system-ui,sans-serif;z-index:1000;background:' + (isError ? '#8e1f0b' : '#303030');
    document.body.appendChild(box);
    setTimeout(function () { box.remove(); }, 5000);
  }

  window.shopify = {
    config: { apiKey: meta ? meta.content : '', shop: 'demo-shop.myshopify.com', locale: params.get('locale') || 'en' },
    idToken: idToken,
    toast: { show: function (message, opts) { note(message, opts && opts.isError); return 'dev-toast'; }, hide: function () {} }
  };

  // Like App Bridge: requests to the app's own origin carry a fresh session token.
  window.fetch = function (input, init) {
    var url = new URL(typeof input === 'string' ? input : input.url, location.href);
    if (url.origin !== location.origin || url.pathname.indexOf('/dev/') === 0) return nativeFetch(input, init);
    return idToken().then(function (token) {
      var headers = new Headers((init && init.headers) || {});
      headers.set('Authorization', 'Bearer ' + token);
      return nativeFetch(input, Object.assign({}, init, { headers: headers }));
    });
  };

  // A plain save bar: shown once a form with data-save-bar changes, Save submits it, Discard resets it.
  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-save-bar]'), function (form) {
      var bar = document.createElement('div');
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
      var show = function () { shown(true); };
      form.addEventListener('input', show);
      form.addEventListener('change', show);
      form.addEventListener('submit', function () { shown(false); });
      form.addEventListener('reset', function () { shown(false); });
    });
  });
})();
