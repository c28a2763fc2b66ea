package com.returnsdrawer.shop;

import com.returnsdrawer.shopify.ShopDomain;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AdmissionTest {

    private static final Instant UNINSTALLED = Instant.parse("2026-11-01T10:00:00Z");
    private static final ShopDomain DOMAIN = new ShopDomain("admission.myshopify.com");

    private static Shop installed() {
        return new Shop(1, DOMAIN, true, null, true, null, null);
    }

    private static Shop uninstalled() {
        return new Shop(1, DOMAIN, false, null, false, UNINSTALLED.minusSeconds(86_400), UNINSTALLED);
    }

    @Test
    void appliesEveryDeliveryForAnInstalledShop() {
        assertEquals(Admission.APPLY, Admission.of(installed(), false, UNINSTALLED.minusSeconds(1)));
        assertEquals(Admission.APPLY, Admission.of(installed(), true, UNINSTALLED.plusSeconds(1)));
    }

    @Test
    void ignoresADeliveryTriggeredBeforeTheUninstall() {
        assertEquals(Admission.IGNORE, Admission.of(uninstalled(), false, UNINSTALLED.minusSeconds(1)));
        assertEquals(Admission.IGNORE, Admission.of(uninstalled(), false, UNINSTALLED), "the same instant is not after");
    }

    @Test
    void aDeliveryTriggeredAfterTheUninstallMeansTheAppWasInstalledAgain() {
        assertEquals(Admission.REINSTALL, Admission.of(uninstalled(), false, UNINSTALLED.plusMillis(1)));
    }

    @Test
    void topicsHonouredAfterUninstallAreAppliedWithoutAReinstall() {
        assertEquals(Admission.APPLY, Admission.of(uninstalled(), true, UNINSTALLED.minusSeconds(1)));
        assertEquals(Admission.APPLY, Admission.of(uninstalled(), true, UNINSTALLED.plusSeconds(1)));
    }

    @Test
    void anUninstalledShopWithoutAnUninstallTimeIsNeverReinstalledByADelivery() {
        Shop unknownWhen = new Shop(1, DOMAIN, false, null, false, null, null);
        assertEquals(Admission.IGNORE, Admission.of(unknownWhen, false, UNINSTALLED));
        assertEquals(Admission.IGNORE, Admission.of(uninstalled(), false, null), "an unknown trigger time is no re-install");
    }
}
