/** Installed shops and their encrypted Admin API tokens: install state, refresh under a row lock, uninstall. */
package com.returnsdrawer.shop;
