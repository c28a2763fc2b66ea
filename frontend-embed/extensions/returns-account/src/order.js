import {APP_URL} from './config.js';

const TICKET_PREFIX = `${APP_URL}/customer-account/returns/`;

/**
 * Loads the one order this page shows from the app, as the signed-in customer.
 * Resolves to {kind: 'ok', order}, {kind: 'login'} (no signed-in customer) or {kind: 'error'}; never throws.
 */
export async function loadOrder(orderGid) {
  if (typeof orderGid !== 'string' || !orderGid.startsWith('gid://shopify/Order/')) {
    return {kind: 'error'};
  }
  try {
    const token = await shopify.sessionToken.get();
    const response = await fetch(`${APP_URL}/customer-account/orders/${encodeURIComponent(orderGid)}`, {
      headers: {Authorization: `Bearer ${token}`, Accept: 'application/json'},
    });
    if (response.status === 401) {
      const body = await response.json().catch(() => ({}));
      return body && body.error === 'login_required' ? {kind: 'login'} : {kind: 'error'};
    }
    if (!response.ok) {
      return {kind: 'error'};
    }
    const order = await response.json();
    if (!order || typeof order !== 'object' || !order.return || typeof order.return !== 'object') {
      return {kind: 'error'};
    }
    return {kind: 'ok', order};
  } catch {
    return {kind: 'error'};
  }
}

/** The ticket link to start a return, only when the order is eligible and the link is the app's own. */
export function returnLink(order) {
  const url = order.return.eligible ? order.return.url : null;
  return typeof url === 'string' && url.startsWith(TICKET_PREFIX) && url.length > TICKET_PREFIX.length ? url : null;
}

const STATUSES = ['requested', 'open', 'closed', 'declined', 'canceled'];

/** The order's returns with a status the extension has words for, oldest first as the app sends them. */
export function knownReturns(order) {
  return Array.isArray(order.returns) ? order.returns.filter((r) => r && STATUSES.includes(r.status)) : [];
}

const REASONS = ['returns_disabled', 'cancelled', 'refunded', 'not_fulfilled', 'not_delivered', 'window_expired'];

export function knownReason(order) {
  return REASONS.includes(order.return.reason) ? order.return.reason : null;
}

// Loop and Narvar links always carry the order; the others may not, so the shopper gets the number to type.
export function needsOrderHint(order) {
  return !['loop', 'narvar'].includes(order.return.provider);
}

/** The order reference shoppers type on a returns portal: the name without its leading '#'. */
export function orderRef(order) {
  const name = typeof order.name === 'string' ? order.name : String(order.order_number ?? '');
  return name.replace(/^#/, '');
}
