package com.returnsdrawer.db;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Labels are the positions of a select list's items: an alias, else the column's own name. */
class RowTest {

    @Test
    void labelsAreAliasesOrColumnNamesInSelectOrder() {
        Row.Labels labels = Row.Labels.of("""
                s.id AS shop_id, s.installed AS shop_installed,
                o.order_pk AS pk, o.name, COALESCE(o.created_at, TIMESTAMP '1000-01-01 00:00:00') as listed, o.zip""");
        assertEquals(1, labels.at("shop_id"));
        assertEquals(2, labels.at("shop_installed"));
        assertEquals(3, labels.at("pk"));
        assertEquals(4, labels.at("name"));
        assertEquals(5, labels.at("listed"));
        assertEquals(6, labels.at("zip"));
        assertThrows(IllegalArgumentException.class, () -> labels.at("email"));
    }

    @Test
    void aLabelUsedTwiceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Row.Labels.of("o.id, s.id"));
    }
}
