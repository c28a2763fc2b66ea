/**
 * Order state as the drawer needs it, from webhooks and imports alike: {@link com.returnsdrawer.orders.OrderWriter}
 * applies snapshots through one owner class per table ({@code OrderRows}, {@code Fulfillments}, {@code LineItems},
 * {@link com.returnsdrawer.orders.DrawerList}); {@code OrderMerge} decides what wins; display status and return
 * eligibility are pure functions of what is stored.
 */
package com.returnsdrawer.orders;
