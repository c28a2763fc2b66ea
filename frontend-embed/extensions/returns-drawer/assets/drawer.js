/* Returns Drawer storefront embed: plain JavaScript, no dependencies. Loads nothing until opened. */
(function () {
  'use strict';
  var root = document.querySelector('[data-rd-root]');
  if (!root) return;
  var launcher = root.querySelector('.rd-launcher');
  var dialog = root.querySelector('.rd-dialog');
  var backdrop = root.querySelector('.rd-backdrop');
  var content = root.querySelector('[data-rd-content]');
  var proxy = (root.getAttribute('data-rd-proxy') || '/apps/returns-drawer').replace(/\/$/, '');
  var locale = root.getAttribute('data-rd-locale') || document.documentElement.lang || 'en';
  var lastFocus = null;
  var loaded = false;
  var FOCUSABLE = 'a[href],button:not([disabled]),input,select,textarea,[tabindex]:not([tabindex="-1"])';

  function message(text) {
    var p = document.createElement('p');
    p.className = 'rd-message';
    p.textContent = text;
    content.replaceChildren(p);
  }

  function load(href) {
    content.setAttribute('aria-busy', 'true');
    message(root.getAttribute('data-rd-loading') || 'Loading…');
    fetch(href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (r) {
        if (!r.ok && r.status !== 404) throw new Error(r.status);
        return r.text();
      })
      .then(function (html) {
        // The fragment comes from the app through the shop's own domain and is escaped there.
        content.innerHTML = html;
        loaded = true;
        var heading = content.querySelector('h2,h3,a,button');
        if (heading) heading.focus({ preventScroll: true });
      })
      .catch(function () {
        message(root.getAttribute('data-rd-error') || 'Please try again.');
      })
      .then(function () { content.removeAttribute('aria-busy'); });
  }

  function open() {
    lastFocus = document.activeElement;
    dialog.hidden = false;
    backdrop.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    document.documentElement.classList.add('rd-open');
    dialog.focus();
    if (!loaded) load(proxy + '/orders?format=html&locale=' + encodeURIComponent(locale));
  }

  function close() {
    dialog.hidden = true;
    backdrop.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    document.documentElement.classList.remove('rd-open');
    (lastFocus && lastFocus.focus ? lastFocus : launcher).focus();
  }

  launcher.addEventListener('click', open);
  root.addEventListener('click', function (e) {
    if (e.target.closest('[data-rd-close]')) { close(); return; }
    var nav = e.target.closest('a[data-rd-nav]');
    if (nav && content.contains(nav)) {
      e.preventDefault();
      load(nav.getAttribute('href'));
    }
  });
  dialog.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { e.preventDefault(); close(); return; }
    if (e.key !== 'Tab') return;
    var items = Array.prototype.filter.call(dialog.querySelectorAll(FOCUSABLE), function (el) {
      return el.offsetParent !== null;
    });
    if (!items.length) return;
    var first = items[0];
    var last = items[items.length - 1];
    if (e.shiftKey && (document.activeElement === first || document.activeElement === dialog)) {
      e.preventDefault(); last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault(); first.focus();
    }
  });
})();
