// Renders both targets of the customer account extension into a DOM with a fake of Shopify's extension API
// (the `shopify` global) and a stubbed backend (fetch), and checks what the shopper gets.
import {after, afterEach, before, beforeEach, describe, mock, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {Window} from 'happy-dom';

const here = path.dirname(fileURLToPath(import.meta.url));
const extension = path.resolve(here, '../extensions/returns-account');
const ORDER_GID = 'gid://shopify/Order/820982911946154508';
const ORDER_URL = `https://returns-drawer.example.com/customer-account/orders/${encodeURIComponent(ORDER_GID)}`;
const TICKET = 'https://returns-drawer.example.com/customer-account/returns/eyJzIjoxfQ.c2lnbmF0dXJl';

const locales = Object.fromEntries(['en', 'de', 'fr', 'es'].map((lang) => [lang,
  JSON.parse(readFileSync(path.join(extension, 'locales', lang === 'en' ? 'en.default.json' : `${lang}.json`), 'utf8'))]));

let out;
let modules;
before(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'returns-account-test-'));
  await build({
    entryPoints: {menu: path.join(extension, 'src/MenuActionItem.jsx'), block: path.join(extension, 'src/OrderStatusBlock.jsx')},
    bundle: true, format: 'esm', outdir: out, outExtension: {'.js': '.mjs'}, logLevel: 'silent',
    jsx: 'automatic', jsxImportSource: 'preact', splitting: true,
  });
  modules = {
    menu: (await import(pathToFileURL(path.join(out, 'menu.mjs')))).default,
    block: (await import(pathToFileURL(path.join(out, 'block.mjs')))).default,
  };
});
after(() => rmSync(out, {recursive: true, force: true}));

// Shopify's i18n.translate: nested keys, {{name}} placeholders. A missing key fails the test.
function translator(lang) {
  return (key, options = {}) => {
    const text = key.split('.').reduce((node, part) => node?.[part], locales[lang]);
    assert.equal(typeof text, 'string', `missing translation ${lang}:${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name) => String(options[name]));
  };
}

const signalLike = (value) => ({value, subscribe: () => () => {}});

let page;
let calls;
let logins;
beforeEach(() => {
  const window = new Window({url: 'https://shopify.com/123/account/orders/820982911946154508'});
  globalThis.document = window.document;
  page = window.document;
  calls = [];
  logins = 0;
});

function fakeShopify({lang = 'en', authenticationState = 'fully_authenticated', email = 'jon@example.com'} = {}) {
  const i18n = {translate: translator(lang)};
  const sessionToken = {get: async () => 'token-abc'};
  return {
    menu: {orderId: ORDER_GID, i18n, sessionToken},
    block: {
      order: signalLike({id: ORDER_GID, name: '#1001'}),
      authenticationState: signalLike(authenticationState),
      buyerIdentity: {email: signalLike(email), customer: signalLike(undefined)},
      requireLogin: async () => { logins++; },
      i18n, sessionToken,
    },
  };
}

function backend(answer) {
  globalThis.fetch = async (url, init = {}) => {
    calls.push({url: String(url), authorization: new Headers(init.headers).get('Authorization')});
    if (answer instanceof Error) throw answer;
    const {status = 200, body} = answer;
    return new Response(typeof body === 'string' ? body : JSON.stringify(body),
      {status, headers: {'Content-Type': 'application/json'}});
  };
}

function order(ret, returns = []) {
  return {id: '820982911946154508', name: '#1001', order_number: 1001, status: 'delivered', cancelled: false,
    line_items: [], fulfillments: [], buy_again_url: null, return: ret, returns};
}
const eligible = (provider = 'loop') => order({eligible: true, reason: null, provider, url: TICKET});
const notEligible = (reason, returns = []) => order({eligible: false, reason, provider: 'loop', url: null}, returns);

async function show(target, options) {
  globalThis.shopify = fakeShopify(options)[target];
  await modules[target]();
  await settle();
  return page.body;
}

// Lets Preact apply signal updates (it re-renders on a microtask); setImmediate is never faked below.
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

const texts = (body) => [...body.querySelectorAll('s-text')].map((e) => e.textContent);

describe('order action menu item', () => {
  beforeEach(() => mock.timers.enable({apis: ['setTimeout']}));
  afterEach(() => mock.timers.reset());

  test('an eligible order gets one Start a return button linking to the ticket', async () => {
    backend({body: eligible()});
    const body = await show('menu');
    const buttons = body.querySelectorAll('s-button');
    assert.equal(buttons.length, 1);
    assert.equal(buttons[0].getAttribute('href'), TICKET);
    assert.equal(buttons[0].textContent, 'Start a return');
    assert.deepEqual(calls, [{url: ORDER_URL, authorization: 'Bearer token-abc'}]);
  });

  test('the button speaks the shopper\'s language', async () => {
    for (const [lang, label] of [['de', 'Rücksendung starten'], ['fr', 'Demander un retour'], ['es', 'Solicitar una devolución']]) {
      backend({body: eligible()});
      const body = await show('menu', {lang});
      assert.equal(body.querySelector('s-button').textContent, label);
    }
  });

  test('a page left open fetches a fresh ticket link before the old one expires, and drops the button when ineligible', async () => {
    backend({body: eligible()});
    const body = await show('menu');
    const fresh = `${TICKET}-2`;
    backend({body: order({eligible: true, reason: null, provider: 'loop', url: fresh})});
    mock.timers.tick(8 * 60 * 1000 - 1);
    await settle();
    assert.equal(calls.length, 1);
    mock.timers.tick(1);
    await settle();
    assert.equal(calls.length, 2);
    assert.equal(body.querySelector('s-button').getAttribute('href'), fresh);
    backend({body: notEligible('window_expired')});
    mock.timers.tick(8 * 60 * 1000);
    await settle();
    assert.equal(calls.length, 3);
    assert.equal(body.querySelectorAll('s-button').length, 0);
    mock.timers.tick(60 * 60 * 1000);
    await settle();
    assert.equal(calls.length, 3, 'no more calls once the order is not eligible');
  });

  test('an order that is not eligible gets no button', async () => {
    backend({body: notEligible('not_delivered')});
    const body = await show('menu');
    assert.equal(body.querySelectorAll('s-button').length, 0);
    assert.equal(body.innerHTML, '');
  });

  test('a link that is not the app\'s own ticket link is never shown', async () => {
    for (const url of ['https://evil.example/customer-account/returns/x', 'javascript:alert(1)',
      'https://returns-drawer.example.com/customer-account/returns/', null]) {
      backend({body: order({eligible: true, reason: null, provider: 'loop', url})});
      const body = await show('menu');
      assert.equal(body.querySelectorAll('s-button').length, 0, String(url));
    }
  });

  test('a failed backend call or a shopper who is not signed in shows no button and breaks nothing', async () => {
    for (const answer of [{status: 500, body: {error: 'x'}}, {status: 404, body: {error: 'not_found'}},
      {status: 401, body: {error: 'login_required'}}, {status: 200, body: 'not json'}, new TypeError('network')]) {
      backend(answer);
      const body = await show('menu');
      assert.equal(body.innerHTML, '');
    }
  });
});

describe('order status block', () => {
  test('each return\'s state in words, oldest first, in every language', async () => {
    const returns = ['requested', 'open', 'closed', 'declined', 'canceled'].map((status, i) => ({id: String(i), status}));
    const expected = {
      en: ['Return requested', 'Return in progress', 'Returned', 'Return declined', 'Return canceled'],
      de: ['Rücksendung angefragt', 'Rücksendung in Bearbeitung', 'Zurückgesendet', 'Rücksendung abgelehnt', 'Rücksendung storniert'],
      fr: ['Retour demandé', 'Retour en cours', 'Retourné', 'Retour refusé', 'Retour annulé'],
      es: ['Devolución solicitada', 'Devolución en curso', 'Devuelto', 'Devolución rechazada', 'Devolución cancelada'],
    };
    for (const lang of Object.keys(expected)) {
      backend({body: notEligible('window_expired', returns)});
      const body = await show('block', {lang});
      assert.deepEqual(texts(body), expected[lang], lang);
      assert.equal(body.querySelector('s-section').getAttribute('heading'), locales[lang].block.heading);
    }
    assert.equal(calls.length, 4);
    assert.ok(calls.every((c) => c.url === ORDER_URL && c.authorization === 'Bearer token-abc'));
  });

  test('why returns are not open yet, in every language', async () => {
    const expected = {
      en: 'Returns open once your order is delivered.',
      de: 'Rücksendungen sind möglich, sobald deine Bestellung zugestellt wurde.',
      fr: 'Les retours seront possibles une fois la commande livrée.',
      es: 'Podrás devolverlo cuando tu pedido se haya entregado.',
    };
    for (const [lang, words] of Object.entries(expected)) {
      backend({body: notEligible('not_delivered')});
      assert.deepEqual(texts(await show('block', {lang})), [words]);
    }
    for (const reason of ['cancelled', 'refunded', 'not_fulfilled', 'window_expired']) {
      backend({body: notEligible(reason)});
      assert.deepEqual(texts(await show('block')), [locales.en.block.reason[reason]]);
    }
  });

  test('a shop with returns turned off gets no block at all', async () => {
    backend({body: notEligible('returns_disabled')});
    assert.equal((await show('block')).innerHTML, '');
  });

  test('a portal without prefill gets the order number and email to type', async () => {
    backend({body: eligible('aftership')});
    assert.deepEqual(texts(await show('block')), ['You can return this order.',
      'Use order number 1001 and the email address jon@example.com on the returns page.']);
    backend({body: eligible('parcellab')});
    assert.deepEqual(texts(await show('block', {lang: 'de', email: null})), ['Du kannst diese Bestellung zurücksenden.',
      'Gib auf der Rücksendeseite die Bestellnummer 1001 an.']);
  });

  test('a portal whose link carries the order gets no number to type', async () => {
    backend({body: eligible('loop')});
    assert.deepEqual(texts(await show('block')), ['You can return this order.']);
  });

  test('order text is shown as text, never as markup', async () => {
    const hostile = eligible('aftership');
    hostile.name = '#<img src=x onerror=alert(1)>';
    backend({body: hostile});
    const body = await show('block');
    assert.equal(body.querySelectorAll('img').length, 0);
    assert.match(texts(body)[1], /<img src=x onerror=alert\(1\)>/);
  });

  test('a pre-authenticated page asks the shopper to sign in and calls nothing', async () => {
    backend({body: eligible()});
    const body = await show('block', {authenticationState: 'pre_authenticated', lang: 'fr'});
    assert.equal(calls.length, 0);
    assert.deepEqual(texts(body), [locales.fr.block.signIn]);
    const button = body.querySelector('s-button');
    assert.equal(button.textContent, 'Se connecter');
    button.dispatchEvent(new page.defaultView.Event('click'));
    assert.equal(logins, 1);
  });

  test('a token without a signed-in customer also asks for sign-in', async () => {
    backend({status: 401, body: {error: 'login_required'}});
    const body = await show('block');
    assert.deepEqual(texts(body), ['Sign in to start a return or see the state of your returns.']);
    assert.equal(body.querySelector('s-button').textContent, 'Sign in');
  });

  test('a failed backend call is a short message, never a broken page', async () => {
    for (const answer of [{status: 500, body: 'oops'}, {status: 404, body: {error: 'not_found'}},
      {status: 401, body: {error: 'unauthorized'}}, {status: 200, body: '<html>'}, {status: 200, body: {}},
      new TypeError('Failed to fetch')]) {
      backend(answer);
      const body = await show('block', {lang: 'es'});
      const banner = body.querySelector('s-banner');
      assert.equal(banner.getAttribute('tone'), 'warning');
      assert.equal(banner.textContent, locales.es.block.error);
      assert.equal(body.querySelectorAll('s-button').length, 0);
    }
  });
});

describe('extension files', () => {
  const keys = (node, prefix = '') => Object.entries(node).flatMap(([k, v]) =>
    typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]).sort();

  test('every locale has the same keys and no empty text', () => {
    for (const lang of ['de', 'fr', 'es']) {
      assert.deepEqual(keys(locales[lang]), keys(locales.en), lang);
    }
    for (const lang of Object.keys(locales)) {
      for (const key of keys(locales[lang])) {
        assert.ok(translator(lang)(key, {order: '1', email: 'e'}).trim().length > 0, `${lang}:${key}`);
      }
    }
  });

  test('the app URL the extension calls is the application_url of shopify.app.toml', async () => {
    const toml = readFileSync(path.resolve(here, '../../shopify.app.toml'), 'utf8');
    const appUrl = toml.match(/^application_url\s*=\s*"([^"]+)"/m)[1];
    const {APP_URL} = await import(pathToFileURL(path.join(extension, 'src/config.js')));
    assert.equal(APP_URL, appUrl);
  });

  test('the extension declares both targets, API 2026-07 and network access', () => {
    const toml = readFileSync(path.join(extension, 'shopify.extension.toml'), 'utf8');
    assert.match(toml, /^api_version = "2026-07"$/m);
    assert.match(toml, /^type = "ui_extension"$/m);
    assert.match(toml, /target = "customer-account\.order\.action\.menu-item\.render"/);
    assert.match(toml, /target = "customer-account\.order-status\.block\.render"/);
    assert.match(toml, /^\s*network_access = true$/m);
  });
});
