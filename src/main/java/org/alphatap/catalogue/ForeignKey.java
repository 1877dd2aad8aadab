package org.alphatap.catalogue;

import java.util.List;

/** A foreign key of a table: the table it points at and the column pairs, from and target in order. */
public record ForeignKey(String target, List<String> from, List<String> to) {
}
