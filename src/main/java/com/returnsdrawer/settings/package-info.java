/**
 * Per-shop returns settings: the {@code settings} table's owner ({@link com.returnsdrawer.settings.SettingsStore}),
 * validation, the admin API and preview, and the shop-and-settings side of the drawer's one-statement reads.
 */
package com.returnsdrawer.settings;
