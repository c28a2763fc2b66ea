package com.returnsdrawer.dev;

/** The local storefront: a theme-like page with the app embed exactly as its Liquid block renders it. */
final class DevStorefront {

    private DevStorefront() {
    }

    static String page(boolean guest) {
        String embed = guest ? "" : """
                <div class="rd-root" data-rd-root data-rd-proxy="/apps/returns-drawer" data-rd-locale="en"
                     data-rd-loading="Loading your orders…" data-rd-error="Your orders could not be loaded. Please try again.">
                  <button type="button" class="rd-launcher rd-launcher--right" aria-haspopup="dialog" aria-controls="rd-dev" aria-expanded="false">My orders</button>
                  <div class="rd-backdrop" data-rd-close hidden></div>
                  <div class="rd-dialog" id="rd-dev" role="dialog" aria-modal="true" aria-labelledby="rd-dev-title" tabindex="-1" hidden>
                    <div class="rd-dialog__header">
                      <h2 class="rd-dialog__title" id="rd-dev-title">Your orders</h2>
                      <button type="button" class="rd-close" data-rd-close aria-label="Close">&times;</button>
                    </div>
                    <div class="rd-content" data-rd-content aria-live="polite"></div>
                  </div>
                </div>
                """;
        String account = guest
                ? "<a href=\"/dev/storefront?customer=1001\">Log in as customer 1001</a> · <a href=\"/apps/returns-drawer/orders?format=html\">Orders page</a>"
                : "Logged in as customer 1001 · <a href=\"/dev/storefront?customer=none\">Log out</a>";
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Demo Shop</title>
                  <link rel="stylesheet" href="/dev/assets/drawer.css">
                  <script src="/dev/assets/drawer.js" defer></script>
                  <style>
                    body{margin:0;font:16px/1.5 Georgia,"Times New Roman",serif;color:#222;background:#fbfaf7}
                    header{display:flex;justify-content:space-between;align-items:center;gap:12px;flex-wrap:wrap;padding:18px 24px;border-bottom:1px solid #e6e2da;background:#fff}
                    header strong{font-size:1.4rem;letter-spacing:.04em}
                    header nav{font-size:.9rem}
                    .hero{padding:56px 24px;text-align:center;background:#efe9dd}
                    .hero h1{margin:0 0 8px;font-size:2rem}
                    .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:20px;padding:32px 24px;max-width:1000px;margin:0 auto}
                    .card{background:#fff;border:1px solid #e6e2da;border-radius:8px;padding:12px}
                    .card div{height:120px;border-radius:6px;background:linear-gradient(135deg,#d9cbb3,#b9a88a)}
                    footer{padding:24px;text-align:center;font-size:.85rem;color:#777}
                  </style>
                </head>
                <body>
                  <header><strong>DEMO SHOP</strong><nav>%s</nav></header>
                  <section class="hero"><h1>Autumn collection</h1><p>Local storefront of the Returns Drawer dev environment.</p></section>
                  <main class="grid">
                    <div class="card"><div></div><p>Merino wool sweater<br>€89.00</p></div>
                    <div class="card"><div></div><p>Canvas tote bag<br>€64.50</p></div>
                    <div class="card"><div></div><p>Trail running shoes<br>€240.00</p></div>
                    <div class="card"><div></div><p>Beeswax candle<br>€9.00</p></div>
                  </main>
                  <footer>Requests from the drawer pass through a local stand-in for Shopify's app proxy, signed as Shopify signs them.</footer>
                  %s
                </body>
                </html>
                """.formatted(account, embed);
    }
}
