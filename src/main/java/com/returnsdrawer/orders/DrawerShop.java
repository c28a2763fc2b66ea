package com.returnsdrawer.orders;

import com.returnsdrawer.db.Row;

import java.sql.SQLException;

/**
 * The shop's side of the drawer's one-statement reads, handed to {@link DrawerList#reads}: the tables to join (the
 * shop as {@code s}, looked up by {@code s.domain}), the columns to select under labels of their own, and how to read
 * them back from a row by those labels. Lets the settings join in without this package depending on it.
 *
 * @param <S> what the caller makes of the shop's columns
 */
public interface DrawerShop<S> {

    /** The {@code FROM} clause without the keyword, naming the shops table {@code s}. */
    String from();

    /**
     * The selected columns with labels that no order column has (say {@code s.id AS shop_id}), so that rows are
     * read by label.
     */
    String columns();

    /** The shop from the current row, by the labels of {@link #columns()}. */
    S read(Row row) throws SQLException;
}
