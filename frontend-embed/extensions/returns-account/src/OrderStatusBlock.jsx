import '@shopify/ui-extensions/preact';
import {render} from 'preact';
import {signal} from '@preact/signals';

import {knownReason, knownReturns, loadOrder, needsOrderHint, orderRef, returnLink} from './order.js';

// The return state in words for each return, or why returns are not open yet, and for portals whose link
// does not carry the order, the order number and email to type. Pre-authenticated pages ask for sign-in.
export default async () => {
  const state = signal({kind: 'loading'});
  render(<OrderStatusBlock state={state} />, document.body);
  if (shopify.authenticationState?.value === 'pre_authenticated') {
    state.value = {kind: 'login'};
    return;
  }
  state.value = await loadOrder(shopify.order?.value?.id);
};

function OrderStatusBlock({state}) {
  const t = (key, options) => shopify.i18n.translate(key, options);
  const current = state.value;
  if (current.kind === 'loading') {
    return null;
  }
  if (current.kind === 'login') {
    return (
      <s-banner heading={t('block.heading')} tone="info">
        <s-stack gap="base">
          <s-text>{t('block.signIn')}</s-text>
          <s-button onClick={() => shopify.requireLogin()}>{t('block.signInButton')}</s-button>
        </s-stack>
      </s-banner>
    );
  }
  if (current.kind === 'error') {
    return <s-banner heading={t('block.heading')} tone="warning">{t('block.error')}</s-banner>;
  }
  const order = current.order;
  const returns = knownReturns(order);
  const link = returnLink(order);
  const reason = knownReason(order);
  const email = shopify.buyerIdentity?.email?.value ?? shopify.buyerIdentity?.customer?.value?.email;
  const lines = returns.map((r) => t(`block.returnStatus.${r.status}`));
  if (link) {
    lines.push(t('block.open'));
    if (needsOrderHint(order)) {
      lines.push(email
        ? t('block.useOrder', {order: orderRef(order), email})
        : t('block.useOrderOnly', {order: orderRef(order)}));
    }
  } else if (returns.length === 0 && reason && reason !== 'returns_disabled') {
    lines.push(t(`block.reason.${reason}`));
  }
  // A shop without returns (or an order with nothing to say) gets no empty box on the page.
  if (lines.length === 0) {
    return null;
  }
  return (
    <s-section heading={t('block.heading')}>
      <s-stack gap="base">
        {lines.map((line) => <s-text>{line}</s-text>)}
      </s-stack>
    </s-section>
  );
}
