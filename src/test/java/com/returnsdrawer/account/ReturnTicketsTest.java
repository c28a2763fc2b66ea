package com.returnsdrawer.account;

import com.returnsdrawer.crypto.SigningSecrets;
import com.returnsdrawer.shopify.ShopDomain;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tickets on their own: what they name, their lifetime, and the secrets that sign them. */
class ReturnTicketsTest {

    private static final Instant ISSUED = Instant.parse("2026-12-05T08:00:00Z");
    private final ReturnTickets tickets = new ReturnTickets(new SigningSecrets("current-secret", "previous-secret"));

    @Test
    void aTicketNamesItsShopCustomerAndOrderForTenMinutes() {
        ShopDomain shop = new ShopDomain("acme.myshopify.com");
        String ticket = tickets.issue(shop, 1001, 9_007_199_254_740_993L, ISSUED);
        assertEquals(Optional.of(new ReturnTickets.Ticket(shop, 1001, 9_007_199_254_740_993L)),
                tickets.verify(ticket, ISSUED.plusSeconds(600)));
        assertEquals(Optional.empty(), tickets.verify(ticket, ISSUED.plusSeconds(601)));
    }

    @Test
    void theLongestShopDomainStillMakesAValidTicket() {
        ShopDomain shop = new ShopDomain("a".repeat(255 - ".myshopify.com".length()) + ".myshopify.com");
        String ticket = tickets.issue(shop, 1, 2, ISSUED);
        assertTrue(ticket.matches("[A-Za-z0-9_-]+"), ticket);
        assertEquals(Optional.of(new ReturnTickets.Ticket(shop, 1, 2)), tickets.verify(ticket, ISSUED));
    }

    @Test
    void aTicketOfThePreviousSecretIsAcceptedWhileRotatingAndNoneOfAnotherSecret() {
        ShopDomain shop = new ShopDomain("acme.myshopify.com");
        String before = new ReturnTickets(new SigningSecrets("previous-secret", null)).issue(shop, 1, 2, ISSUED);
        assertEquals(Optional.of(new ReturnTickets.Ticket(shop, 1, 2)), tickets.verify(before, ISSUED));
        String foreign = new ReturnTickets(new SigningSecrets("someone-else", null)).issue(shop, 1, 2, ISSUED);
        assertEquals(Optional.empty(), tickets.verify(foreign, ISSUED));
    }
}
