import '@shopify/ui-extensions/preact';
import {render} from 'preact';
import {signal} from '@preact/signals';

import {loadOrder, returnLink} from './order.js';

// A single "Start a return" button on the order, only when the app says the order is eligible; it navigates
// to the app's short-lived return ticket link, which redirects to the returns provider.
export default async () => {
  const link = signal(null);
  render(<MenuActionItem link={link} />, document.body);
  const result = await loadOrder(shopify.orderId);
  link.value = result.kind === 'ok' ? returnLink(result.order) : null;
};

function MenuActionItem({link}) {
  if (!link.value) {
    return null;
  }
  return <s-button href={link.value}>{shopify.i18n.translate('startReturn')}</s-button>;
}
