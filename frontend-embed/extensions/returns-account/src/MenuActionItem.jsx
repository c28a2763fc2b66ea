import '@shopify/ui-extensions/preact';
import {render} from 'preact';
import {signal} from '@preact/signals';

import {loadOrder, returnLink} from './order.js';

// A single "Start a return" button on the order, only when the app says the order is eligible; it navigates
// to the app's short-lived return ticket link, which redirects to the returns provider.
// Ticket links live 10 minutes (docs/behaviour.md), so a page left open asks for a fresh one before that.
const REFRESH_MS = 8 * 60 * 1000;

export default async () => {
  const link = signal(null);
  render(<MenuActionItem link={link} />, document.body);
  const refresh = async () => {
    const result = await loadOrder(shopify.orderId);
    link.value = result.kind === 'ok' ? returnLink(result.order) : null;
    if (link.value) {
      setTimeout(refresh, REFRESH_MS);
    }
  };
  await refresh();
};

function MenuActionItem({link}) {
  if (!link.value) {
    return null;
  }
  return <s-button href={link.value}>{shopify.i18n.translate('startReturn')}</s-button>;
}
