package com.returnsdrawer.shop;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * Whether a webhook delivery for a known shop is applied, given whether the app is installed there
 * (docs/behaviour.md, "Webhooks"). After {@code app/uninstalled}, a delivery triggered after the uninstall means
 * the app was installed again; one triggered before it is ignored, unless its topic is honoured after an
 * uninstall (the compliance topics, and the uninstall itself).
 */
public enum Admission {
    /** Apply: the app is installed, or the topic is honoured after an uninstall. */
    APPLY,
    /** Apply, and record the shop installed again from the delivery's trigger time. */
    REINSTALL,
    /** Record the delivery but do not apply it: the shop uninstalled the app before it was triggered. */
    IGNORE;

    /**
     * The rule, for {@code shop} as it stands before the delivery; {@code triggeredAt} is null when the delivery
     * did not say when it was triggered, and such a delivery never counts as a re-install.
     */
    public static Admission of(Shop shop, boolean appliesAfterUninstall, @Nullable Instant triggeredAt) {
        if (shop.installed() || appliesAfterUninstall) {
            return APPLY;
        }
        return shop.uninstalledAt() != null && triggeredAt != null && triggeredAt.isAfter(shop.uninstalledAt())
                ? REINSTALL : IGNORE;
    }
}
