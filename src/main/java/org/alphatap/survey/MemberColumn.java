package org.alphatap.survey;

import static org.alphatap.survey.Kind.F32;
import static org.alphatap.survey.Kind.F64;
import static org.alphatap.survey.Kind.I32;
import static org.alphatap.survey.Kind.I64;
import static org.alphatap.survey.Kind.TEXT;
import static org.alphatap.survey.Need.KEY;
import static org.alphatap.survey.Need.ONE_OF;
import static org.alphatap.survey.Need.OPTIONAL;
import static org.alphatap.survey.Need.REQUIRED;

/** Columns of the Hunt &amp; Reffert member table: the cluster (by name or id), the Gaia DR3 id, the probability. */
public enum MemberColumn implements CatalogueColumn {
    NAME("Name", TEXT, ONE_OF, "cluster"),
    ID("ID", I32, ONE_OF),
    GAIADR3("GaiaDR3", I64, KEY, "source_id", "gaiadr3_source_id"),
    PROB("Prob", F32, REQUIRED, "probability"),
    RA_ICRS("RA_ICRS", F64, OPTIONAL, "ra"),
    DE_ICRS("DE_ICRS", F64, OPTIONAL, "dec"),
    GMAG("Gmag", F32, OPTIONAL, "phot_g_mean_mag");

    public static final String CATALOGUE = "Hunt & Reffert (2024) member table";

    private final Spec spec;

    MemberColumn(String name, Kind kind, Need need, String... aliases) {
        this.spec = Spec.of(name, kind, need, aliases);
    }

    public static CatalogueReader<MemberColumn> reader() {
        return new CatalogueReader<>(CATALOGUE, MemberColumn.class);
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
