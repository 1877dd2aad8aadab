package org.alphatap.survey;

import static org.alphatap.survey.Kind.F32;
import static org.alphatap.survey.Kind.F64;
import static org.alphatap.survey.Kind.I64;
import static org.alphatap.survey.Kind.TEXT;
import static org.alphatap.survey.Need.KEY;
import static org.alphatap.survey.Need.OPTIONAL;
import static org.alphatap.survey.Need.REQUIRED;

/** Columns of the LAMOST DR11 LRS stellar-parameter (LASP, AFGK) catalogue: one row per spectrum. */
public enum LamostColumn implements CatalogueColumn {
    OBSID("obsid", I64, KEY),
    DESIGNATION("designation", TEXT, REQUIRED),
    RA("ra", F64, KEY, "objra"),
    DEC("dec", F64, KEY, "objdec"),
    TEFF("teff", F32, REQUIRED),
    TEFF_ERR("teff_err", F32, REQUIRED),
    LOGG("logg", F32, REQUIRED),
    LOGG_ERR("logg_err", F32, REQUIRED),
    FEH("feh", F32, REQUIRED),
    FEH_ERR("feh_err", F32, REQUIRED),
    SNRG("snrg", F32, REQUIRED),
    SNRR("snrr", F32, REQUIRED),
    GAIA_SOURCE_ID("gaia_source_id", I64, REQUIRED),
    ALPHA_M("alpha_m", F32, OPTIONAL),
    ALPHA_M_ERR("alpha_m_err", F32, OPTIONAL);

    public static final String CATALOGUE = "LAMOST DR11 LRS stellar-parameter catalogue";

    private final Spec spec;

    LamostColumn(String name, Kind kind, Need need, String... aliases) {
        this.spec = Spec.of(name, kind, need, aliases);
    }

    public static CatalogueReader<LamostColumn> reader() {
        return new CatalogueReader<>(CATALOGUE, LamostColumn.class);
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
