package org.alphatap.survey;

import java.util.List;

/** A column a catalogue reader looks for; implemented by one enum per catalogue. */
public interface CatalogueColumn {
    /**
     * @param name    the published name, as the survey spells it; matched case-insensitively
     * @param aliases other names the survey has used (older releases, VizieR, the authors' files)
     */
    record Spec(String name, Kind kind, Need need, List<String> aliases) {
        public static Spec of(String name, Kind kind, Need need, String... aliases) {
            return new Spec(name, kind, need, List.of(aliases));
        }
    }

    Spec spec();

    default String columnName() {
        return spec().name();
    }

    default Kind kind() {
        return spec().kind();
    }

    default Need need() {
        return spec().need();
    }

    default List<String> aliases() {
        return spec().aliases();
    }
}
