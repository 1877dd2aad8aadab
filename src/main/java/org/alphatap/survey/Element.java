package org.alphatap.survey;

import java.util.Locale;

/** The five α elements of the paper, in its order. */
public enum Element {
    O("O"), MG("Mg"), SI("Si"), CA("Ca"), TI("Ti");

    private final String symbol;

    Element(String symbol) {
        this.symbol = symbol;
    }

    /** Chemical symbol as printed: "Mg". */
    public String symbol() {
        return symbol;
    }

    /** Lower-case key of the GALAH convention: "mg", giving columns mg_fe, e_mg_fe, flag_mg_fe. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
