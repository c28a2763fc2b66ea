package com.returnsdrawer.returns;

/** Where a shopper started a return: the storefront drawer or Shopify's customer-account order page. */
public enum Surface {
    DRAWER("drawer"), CUSTOMER_ACCOUNT("customer_account");

    private final String code;

    Surface(String code) {
        this.code = code;
    }

    /** The value stored in {@code return_clicks.surface} and shown in the admin API. */
    public String code() {
        return code;
    }
}
