package org.alphatap.survey;

import static org.alphatap.survey.Kind.F32;
import static org.alphatap.survey.Kind.F64;
import static org.alphatap.survey.Kind.I32;
import static org.alphatap.survey.Kind.TEXT;
import static org.alphatap.survey.Need.KEY;
import static org.alphatap.survey.Need.OPTIONAL;
import static org.alphatap.survey.Need.REQUIRED;

/**
 * Columns of the Hunt &amp; Reffert (2023, 2024) cluster table, VizieR names first, then the
 * lower-case names of the authors' own release. Positions-only rows (no distance) are kept with
 * their missing values counted.
 */
public enum ClusterColumn implements CatalogueColumn {
    NAME("Name", TEXT, KEY),
    ID("ID", I32, REQUIRED),
    TYPE("Type", TEXT, REQUIRED, "kind"),
    RA_ICRS("RA_ICRS", F64, KEY, "ra"),
    DE_ICRS("DE_ICRS", F64, KEY, "dec"),
    GLON("GLON", F64, OPTIONAL),
    GLAT("GLAT", F64, OPTIONAL),
    R50("r50", F32, OPTIONAL),
    N("N", I32, REQUIRED, "n_stars"),
    PLX("Plx", F32, OPTIONAL),
    DIST16("dist16", F64, OPTIONAL, "distance_16"),
    DIST50("dist50", F64, REQUIRED, "distance_50"),
    DIST84("dist84", F64, OPTIONAL, "distance_84"),
    X("X", F64, REQUIRED, "x"),
    Y("Y", F64, REQUIRED, "y"),
    Z("Z", F64, REQUIRED, "z"),
    LOGAGE50("logAge50", F32, REQUIRED, "log_age_50"),
    AV50("AV50", F32, REQUIRED, "a_v_50");

    public static final String CATALOGUE = "Hunt & Reffert (2024) cluster table";

    private final Spec spec;

    ClusterColumn(String name, Kind kind, Need need, String... aliases) {
        this.spec = Spec.of(name, kind, need, aliases);
    }

    public static CatalogueReader<ClusterColumn> reader() {
        return new CatalogueReader<>(CATALOGUE, ClusterColumn.class);
    }

    /** Hunt &amp; Reffert 2024 style: "Alessi 12" (HR23 on VizieR) becomes "Alessi_12". */
    public static String normaliseName(String name) {
        return name == null ? null : name.trim().replace(' ', '_');
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
