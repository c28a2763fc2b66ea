/*
 * TEST STAND-IN for https://cdn.shopify.com/shopifycloud/polaris.js, served by the browser tests through Playwright's
 * request routing (the CDN is out of reach on the test machines). It defines just the Polaris web components the
 * admin page uses, with the documented surface it relies on (shopify.dev: docs/api/app-home/polaris-web-components;
 * the custom elements manifest of @shopify/polaris-types):
 *   - form fields (s-text-field, s-password-field, s-email-field, s-url-field, s-number-field, s-select, s-switch,
 *     s-choice-list) are form-associated: `value` / `checked` / `values` properties hold the current value, the
 *     `value` / `checked` / `selected` attributes the default that a form reset returns to; `label`, `details` and
 *     `error` properties (and attributes) show under the field; `input` and `change` events fire on the element;
 *   - s-page (heading; primary-action, secondary-actions and aside slots), s-section (heading), s-banner (tone),
 *     s-badge (tone), s-button (variant, tone, disabled, loading, href/target), s-link, s-progress (value/max; no value
 *     is indeterminate), s-table and its parts, s-stack, s-box, s-text, s-paragraph, s-spinner.
 * Its look is only enough to read the screenshots; nothing here is Shopify's code.
 */
(function () {
  'use strict';
  var BASE_CSS = ':host{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:#303030}:host([hidden]){display:none!important}';

  function define(name, cls) {
    if (!customElements.get(name)) customElements.define(name, cls);
  }

  function escape(s) {
    return String(s == null ? '' : s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; });
  }

  /** An element whose shadow root is `css` plus `html`. */
  function simple(css, html) {
    return class extends HTMLElement {
      constructor() {
        super();
        this.attachShadow({ mode: 'open' }).innerHTML = '<style>' + BASE_CSS + css + '</style>' + html;
      }
    };
  }

  define('s-stack', simple(':host{display:flex;flex-direction:column;gap:12px}:host([direction=inline]){flex-direction:row;flex-wrap:wrap}'
    + ':host([gap=small-200]){gap:6px}:host([alignitems=center]){align-items:center}', '<slot></slot>'));
  define('s-box', simple(':host{display:block}', '<slot></slot>'));
  define('s-paragraph', simple(':host{display:block;margin:0}', '<slot></slot>'));
  define('s-text', simple(':host{display:inline}:host([type=strong]){font-weight:650}:host([color=subdued]){color:#616161}', '<slot></slot>'));
  define('s-button-group', simple(':host{display:flex;gap:8px;flex-wrap:wrap}', '<slot></slot>'));
  define('s-spinner', simple(':host{display:inline-block;width:20px;height:20px;border:2px solid #c9cccf;border-top-color:#303030;border-radius:50%}',
    '<span role="progressbar"></span>'));
  define('s-table', simple(':host{display:block;overflow-x:auto}.t{display:table;width:100%;border-collapse:collapse}',
    '<div class="t"><slot></slot></div>'));
  define('s-table-header-row', simple(':host{display:table-row;font-weight:650;background:#f7f7f7}', '<slot></slot>'));
  define('s-table-header', simple(':host{display:table-cell;padding:6px 8px;border-bottom:1px solid #e3e3e3}', '<slot></slot>'));
  define('s-table-body', simple(':host{display:table-row-group}', '<slot></slot>'));
  define('s-table-row', simple(':host{display:table-row}', '<slot></slot>'));
  define('s-table-cell', simple(':host{display:table-cell;padding:6px 8px;border-bottom:1px solid #f1f1f1;vertical-align:middle}', '<slot></slot>'));
  /** s-option and s-choice: their value and selected (default) attributes, read by s-select and s-choice-list. */
  function choice() {
    return class extends simple(':host{display:none}', '') {
      get value() { return this.getAttribute('value') || ''; }
      set value(v) { this.setAttribute('value', v); }
    };
  }
  define('s-option', choice());
  define('s-choice', choice());

  define('s-page', class extends HTMLElement {
    static get observedAttributes() { return ['heading']; }
    constructor() {
      super();
      this.attachShadow({ mode: 'open' }).innerHTML = '<style>' + BASE_CSS
        + ':host{display:block;background:#f1f1f1;min-height:100vh;padding:16px;box-sizing:border-box}'
        + 'header{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:0 auto 16px;max-width:1000px}'
        + 'h1{font-size:20px;margin:0 auto 0 0}.layout{display:grid;gap:16px;max-width:1000px;margin:0 auto}'
        + '.main,.aside{display:flex;flex-direction:column;gap:16px;min-width:0}'
        + '@media (min-width:768px){.layout{grid-template-columns:minmax(0,2fr) minmax(0,1fr)}}</style>'
        + '<header><h1></h1><slot name="secondary-actions"></slot><slot name="primary-action"></slot></header>'
        + '<div class="layout"><div class="main"><slot></slot></div><div class="aside"><slot name="aside"></slot></div></div>';
    }
    connectedCallback() { this.attributeChangedCallback(); }
    attributeChangedCallback() { this.shadowRoot.querySelector('h1').textContent = this.getAttribute('heading') || ''; }
  });

  define('s-section', class extends HTMLElement {
    static get observedAttributes() { return ['heading']; }
    constructor() {
      super();
      this.attachShadow({ mode: 'open' }).innerHTML = '<style>' + BASE_CSS
        + ':host{display:block;background:#fff;border-radius:12px;padding:16px;box-shadow:0 1px 0 #e3e3e3}'
        + 'h2{font-size:14px;font-weight:650;margin:0 0 12px}h2:empty{display:none}</style><h2></h2><slot></slot>';
    }
    connectedCallback() { this.attributeChangedCallback(); }
    attributeChangedCallback() { this.shadowRoot.querySelector('h2').textContent = this.getAttribute('heading') || ''; }
  });

  var TONES = { success: '#cdfee1;color:#0c5132', critical: '#fedad9;color:#8e1f0b', warning: '#ffef9d;color:#4f4700',
    caution: '#ffef9d;color:#4f4700', info: '#e0f0ff;color:#00527c', neutral: '#e3e3e3;color:#303030', auto: '#e3e3e3;color:#303030' };
  function toneCss(selector) {
    return Object.keys(TONES).map(function (t) { return ':host([tone=' + t + ']) ' + selector + '{background:' + TONES[t] + '}'; }).join('');
  }

  define('s-badge', simple(':host{display:inline-block}span{display:inline-block;padding:2px 8px;border-radius:8px;font-size:12px;background:#e3e3e3}'
    + toneCss('span'), '<span><slot></slot></span>'));
  define('s-banner', simple(':host{display:block}div{padding:12px;border-radius:8px;background:#e0f0ff}' + toneCss('div'),
    '<div role="status"><slot></slot></div>'));

  define('s-button', class extends HTMLElement {
    static get observedAttributes() { return ['disabled', 'loading']; }
    constructor() {
      super();
      this.attachShadow({ mode: 'open' }).innerHTML = '<style>' + BASE_CSS
        + ':host{display:inline-block}button{font:inherit;padding:6px 12px;border-radius:8px;border:1px solid #c9cccf;background:#fff;cursor:pointer}'
        + ':host([variant=primary]) button{background:#303030;color:#fff;border-color:#303030}:host([tone=critical]) button{color:#8e1f0b}'
        + 'button:disabled{opacity:.5;cursor:default}</style><button type="button"><slot></slot></button>';
      var self = this;
      this.shadowRoot.querySelector('button').addEventListener('click', function (e) {
        if (self.disabled || self.loading) { e.stopPropagation(); return; }
        var href = self.getAttribute('href');
        if (href) window.open(href, self.getAttribute('target') || '_self');
      });
    }
    get disabled() { return this.hasAttribute('disabled'); }
    set disabled(v) { this.toggleAttribute('disabled', !!v); }
    get loading() { return this.hasAttribute('loading'); }
    set loading(v) { this.toggleAttribute('loading', !!v); }
    attributeChangedCallback() { this.shadowRoot.querySelector('button').disabled = this.disabled || this.loading; }
  });

  define('s-link', class extends HTMLElement {
    static get observedAttributes() { return ['href', 'target']; }
    constructor() {
      super();
      this.attachShadow({ mode: 'open' }).innerHTML = '<style>' + BASE_CSS + ':host{display:inline;word-break:break-all}a{color:#005bd3}</style><a><slot></slot></a>';
    }
    attributeChangedCallback() {
      var a = this.shadowRoot.querySelector('a');
      a.setAttribute('href', this.getAttribute('href') || '');
      a.setAttribute('target', this.getAttribute('target') || '_self');
    }
  });

  define('s-progress', class extends HTMLElement {
    static get observedAttributes() { return ['value', 'max', 'accessibilitylabel']; }
    constructor() {
      super();
      this.attachShadow({ mode: 'open' }).innerHTML = '<style>' + BASE_CSS + ':host{display:block}progress{width:100%}</style><progress></progress>';
      this._value = null;
      this._max = 1;
    }
    get value() { return this._value; }
    set value(v) { this._value = v == null ? null : Number(v); this.sync(); }
    get max() { return this._max; }
    set max(v) { this._max = Number(v) > 0 ? Number(v) : 1; this.sync(); }
    attributeChangedCallback(name, old, now) {
      if (name === 'value') this._value = now == null ? null : Number(now);
      if (name === 'max') this._max = Number(now) > 0 ? Number(now) : 1;
      this.sync();
    }
    sync() {
      var p = this.shadowRoot.querySelector('progress');
      p.max = this._max;
      if (this._value == null) p.removeAttribute('value'); else p.value = this._value;
      p.setAttribute('aria-label', this.getAttribute('accessibilitylabel') || '');
    }
  });

  /* ---------- form fields ---------- */

  var FIELD_CSS = ':host{display:block}label{display:block;font-weight:550;margin-bottom:4px}'
    + 'input,select{font:inherit;width:100%;box-sizing:border-box;padding:6px 10px;border:1px solid #8a8a8a;border-radius:8px;background:#fff}'
    + '.details{color:#616161;font-size:13px;margin-top:4px}.details:empty,.error:empty{display:none}'
    + '.error{color:#8e1f0b;font-size:13px;margin-top:4px}:host([data-invalid]) input,:host([data-invalid]) select{border-color:#8e1f0b;background:#fff4f4}';

  /** What every Polaris field shares: label, details and error under it, form association, reset to the default. */
  class Field extends HTMLElement {
    static get formAssociated() { return true; }
    static get observedAttributes() { return ['label', 'details', 'error', 'placeholder', 'value', 'disabled', 'checked']; }
    constructor() {
      super();
      this.internals = this.attachInternals();
      this._error = null;
      this._label = null;
      this._details = null;
      this.attachShadow({ mode: 'open', delegatesFocus: true }).innerHTML = '<style>' + BASE_CSS + FIELD_CSS + '</style>'
        + '<label for="control"></label>' + this.control() + '<div class="details" id="details"></div><div class="error" id="error" role="alert"></div>';
      var self = this;
      var control = this.shadowRoot.getElementById('control');
      control.setAttribute('aria-describedby', 'error details');
      control.addEventListener('input', function (e) { e.stopPropagation(); self.fromControl(); self.dispatchEvent(new Event('input', { bubbles: true })); });
      control.addEventListener('change', function (e) { e.stopPropagation(); self.fromControl(); self.dispatchEvent(new Event('change', { bubbles: true })); });
    }
    control() { return '<input id="control">'; }
    connectedCallback() { this.renderTexts(); this.toControl(); }
    attributeChangedCallback() { this.renderTexts(); this.toControl(); }
    get label() { return this._label != null ? this._label : this.getAttribute('label') || ''; }
    set label(v) { this._label = v; this.renderTexts(); }
    get details() { return this._details != null ? this._details : this.getAttribute('details') || ''; }
    set details(v) { this._details = v; this.renderTexts(); }
    get error() { return this._error != null ? this._error : this.getAttribute('error') || ''; }
    set error(v) { this._error = v == null ? '' : String(v); this.renderTexts(); }
    get name() { return this.getAttribute('name') || ''; }
    renderTexts() {
      var root = this.shadowRoot;
      root.querySelector('label').textContent = this.label;
      root.getElementById('details').textContent = this.details;
      root.getElementById('error').textContent = this.error;
      this.toggleAttribute('data-invalid', !!this.error);
      var control = root.getElementById('control');
      if (this.error) control.setAttribute('aria-invalid', 'true'); else control.removeAttribute('aria-invalid');
      if (this.hasAttribute('placeholder')) control.setAttribute('placeholder', this.getAttribute('placeholder'));
      control.disabled = this.hasAttribute('disabled');
    }
    focus() { this.shadowRoot.getElementById('control').focus(); }
  }

  class InputField extends Field {
    constructor() { super(); this._value = null; }
    get defaultValue() { return this.getAttribute('value') || ''; }
    set defaultValue(v) { this.setAttribute('value', v == null ? '' : String(v)); }
    get value() { return this._value != null ? this._value : this.defaultValue; }
    set value(v) { this._value = v == null ? '' : String(v); this.toControl(); }
    fromControl() { this._value = this.shadowRoot.getElementById('control').value; this.internals.setFormValue(this._value); }
    toControl() {
      var control = this.shadowRoot.getElementById('control');
      if (control.value !== this.value) control.value = this.value;
      this.internals.setFormValue(this.value);
    }
    formResetCallback() { this._value = null; this.toControl(); }
  }

  function input(type) {
    return class extends InputField { control() { return '<input id="control" type="' + type + '">'; } };
  }
  define('s-text-field', input('text'));
  define('s-password-field', input('password'));
  define('s-email-field', input('email'));
  define('s-url-field', input('url'));
  define('s-number-field', input('text'));

  define('s-select', class extends InputField {
    control() { return '<select id="control"></select>'; }
    get defaultValue() { var o = this.querySelector('s-option[selected]'); return o ? o.getAttribute('value') : ''; }
    connectedCallback() {
      var self = this;
      new MutationObserver(function () { self.options(); }).observe(this, { childList: true, subtree: true, characterData: true, attributes: true });
      this.options();
      super.connectedCallback();
    }
    options() {
      var select = this.shadowRoot.getElementById('control');
      var html = '<option value="">' + escape(this.getAttribute('placeholder') || '') + '</option>';
      Array.prototype.forEach.call(this.querySelectorAll('s-option'), function (o) {
        html += '<option value="' + escape(o.getAttribute('value')) + '">' + escape(o.textContent) + '</option>';
      });
      select.innerHTML = html;
      select.value = this.value;
    }
  });

  define('s-switch', class extends Field {
    constructor() { super(); this._checked = null; }
    control() { return '<input id="control" type="checkbox" role="switch">'; }
    renderTexts() { super.renderTexts(); }
    get defaultChecked() { return this.hasAttribute('checked'); }
    set defaultChecked(v) { this.toggleAttribute('checked', !!v); }
    get checked() { return this._checked != null ? this._checked : this.defaultChecked; }
    set checked(v) { this._checked = !!v; this.toControl(); }
    fromControl() { this._checked = this.shadowRoot.getElementById('control').checked; this.toControl(); }
    toControl() {
      this.shadowRoot.getElementById('control').checked = this.checked;
      this.internals.setFormValue(this.checked ? (this.getAttribute('value') || 'on') : null);
    }
    formResetCallback() { this._checked = null; this.toControl(); }
  });

  define('s-choice-list', class extends Field {
    constructor() { super(); this._values = null; }
    control() { return '<div id="control" role="radiogroup"></div>'; }
    connectedCallback() {
      var self = this;
      new MutationObserver(function () { self.choices(); }).observe(this, { childList: true, subtree: true, characterData: true });
      this.choices();
      super.connectedCallback();
    }
    renderTexts() {
      super.renderTexts();
      this.shadowRoot.getElementById('control').setAttribute('aria-label', this.label);
    }
    choices() {
      var group = this.shadowRoot.getElementById('control');
      var name = 'choice-' + (this.getAttribute('name') || 'list');
      group.innerHTML = Array.prototype.map.call(this.querySelectorAll('s-choice'), function (c) {
        return '<div><label style="font-weight:400;display:flex;gap:6px;align-items:center"><input type="radio" style="width:auto" name="' + name
          + '" value="' + escape(c.getAttribute('value')) + '">' + escape(c.textContent) + '</label></div>';
      }).join('');
      this.toControl();
    }
    get defaultValues() {
      return Array.prototype.filter.call(this.querySelectorAll('s-choice'), function (c) { return c.hasAttribute('selected'); })
        .map(function (c) { return c.getAttribute('value'); });
    }
    get values() { return this._values != null ? this._values.slice() : this.defaultValues; }
    set values(v) { this._values = (v || []).map(String); this.toControl(); }
    fromControl() {
      this._values = Array.prototype.filter.call(this.shadowRoot.querySelectorAll('input'), function (i) { return i.checked; })
        .map(function (i) { return i.value; });
      this.toControl();
    }
    toControl() {
      var values = this.values;
      Array.prototype.forEach.call(this.shadowRoot.querySelectorAll('input'), function (i) { i.checked = values.indexOf(i.value) >= 0; });
      this.internals.setFormValue(values[0] || null);
    }
    formResetCallback() { this._values = null; this.toControl(); }
  });
})();
