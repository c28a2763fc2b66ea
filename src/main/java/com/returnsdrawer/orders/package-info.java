/**
 * Order state as the drawer needs it, from webhooks and imports alike: newest {@code updated_at} wins at order
 * and fulfillment level; display status and return eligibility are pure functions of what is stored.
 */
package com.returnsdrawer.orders;
