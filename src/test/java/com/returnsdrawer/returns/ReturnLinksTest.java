package com.returnsdrawer.returns;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The link each provider's shopper is sent to (docs/behaviour.md, "Providers and their links"). */
class ReturnLinksTest {

    private static final OrderLinkData ORDER =
            new OrderLinkData(820982911946154508L, "#1001", 1001L, "jon@example.com", "40003", "de");

    @Test
    void loopGetsOriginAndPathThenOrderEmailAndZipThenTheFragment() {
        assertEquals("https://acme.loopreturns.com/?order=1001&email=jon%40example.com&zip=40003#/",
                ReturnLinks.build(Provider.LOOP, "https://acme.loopreturns.com/#/", ORDER));
        assertEquals("https://acme.loopreturns.com/?order=1001&email=jon%40example.com&zip=40003",
                ReturnLinks.build(Provider.LOOP, "https://acme.loopreturns.com", ORDER));
    }

    @Test
    void theMerchantsOwnQueryIsKeptAndOursAdded() {
        assertEquals("https://acme.loopreturns.com/?locale=de_DE&order=1001&email=jon%40example.com&zip=40003",
                ReturnLinks.build(Provider.LOOP, "https://acme.loopreturns.com/?locale=de_DE", ORDER));
        assertEquals("https://returns.narvar.com/acme/returns?locale=en_US&order=1001&dzip=40003",
                ReturnLinks.build(Provider.NARVAR, "https://returns.narvar.com/acme/returns?locale=en_US", ORDER));
    }

    @Test
    void unknownValuesAreLeftOutRatherThanSentEmpty() {
        OrderLinkData noContact = new OrderLinkData(1L, "#1002", 1002L, null, "", null);
        assertEquals("https://acme.loopreturns.com/?order=1002",
                ReturnLinks.build(Provider.LOOP, "https://acme.loopreturns.com/", noContact));
    }

    @Test
    void afterShipAndParcelLabGetThePortalUnchanged() {
        String portal = "https://acme.aftership.com/returns?x=1#top";
        assertEquals(portal, ReturnLinks.build(Provider.AFTERSHIP, portal, ORDER));
        assertEquals(portal, ReturnLinks.build(Provider.PARCELLAB, portal, ORDER));
        assertFalse(ReturnLinks.prefillsOrder(Provider.AFTERSHIP, portal));
        assertFalse(ReturnLinks.prefillsOrder(Provider.PARCELLAB, portal));
    }

    @Test
    void otherTemplatesHaveEveryPlaceholderReplacedAndEncoded() {
        OrderLinkData odd = new OrderLinkData(5L, "#US 1001/A", 1001L, "a+b@example.com", "SW1A 1AA", "fr-CA");
        assertEquals("https://portal.example/r/US%201001%2FA?n=1001&id=5&name=%23US%201001%2FA&e=a%2Bb%40example.com"
                        + "&z=SW1A%201AA&l=fr-CA",
                ReturnLinks.build(Provider.OTHER, "https://portal.example/r/{order}?n={order_number}&id={order_id}"
                        + "&name={order_name}&e={email}&z={zip}&l={locale}", odd));
        assertTrue(ReturnLinks.prefillsOrder(Provider.OTHER, "https://portal.example/{order_id}"));
        assertFalse(ReturnLinks.prefillsOrder(Provider.OTHER, "https://portal.example/?e={email}"));
    }

    @Test
    void anOtherUrlWithoutPlaceholdersIsUsedAsIs() {
        assertEquals("https://portal.example/returns", ReturnLinks.build(Provider.OTHER, "https://portal.example/returns", ORDER));
    }

    @Test
    void onlyRfc3986UnreservedCharactersStayUnencoded() {
        assertEquals("AZaz09-._~%20%23%40%26%3D%2B%2F%3F%C3%BC", ReturnLinks.encode("AZaz09-._~ #@&=+/?ü"));
    }

    @Test
    void theOrderReferenceDropsOneLeadingHashOnly() {
        assertEquals("1001", new OrderLinkData(1L, "#1001", 1001L, null, null, null).orderRef());
        assertEquals("#1001", new OrderLinkData(1L, "##1001", 1001L, null, null, null).orderRef());
        assertEquals("US-1001-A", new OrderLinkData(1L, "US-1001-A", null, null, null, null).orderRef());
        assertEquals("1001", new OrderLinkData(1L, null, 1001L, null, null, null).orderRef());
    }
}
