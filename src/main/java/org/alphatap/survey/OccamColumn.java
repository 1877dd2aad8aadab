package org.alphatap.survey;

import static org.alphatap.survey.Kind.F32;
import static org.alphatap.survey.Kind.I32;
import static org.alphatap.survey.Kind.TEXT;
import static org.alphatap.survey.Need.KEY;
import static org.alphatap.survey.Need.OPTIONAL;
import static org.alphatap.survey.Need.REQUIRED;

/**
 * Columns of the OCCAM APOGEE DR16 cluster table (Donor et al. 2020) as shipped: one row per open
 * cluster, mean abundances on APOGEE's scale with their errors, Galactocentric radii in kpc.
 */
public enum OccamColumn implements CatalogueColumn {
    NAME("NAME", TEXT, KEY),
    QUAL("QUAL", I32, REQUIRED),
    NUM_STARS("NUM_STARS", I32, OPTIONAL),
    R_GC("R_GC_BAILER_JONES", F32, REQUIRED),
    FE_H("FE_H", F32, REQUIRED),
    FE_H_ERR("FE_H_ERR", F32, REQUIRED),
    O_FE("O_FE", F32, REQUIRED),
    O_FE_ERR("O_FE_ERR", F32, REQUIRED),
    MG_FE("MG_FE", F32, REQUIRED),
    MG_FE_ERR("MG_FE_ERR", F32, REQUIRED),
    SI_FE("SI_FE", F32, REQUIRED),
    SI_FE_ERR("SI_FE_ERR", F32, REQUIRED),
    CA_FE("CA_FE", F32, REQUIRED),
    CA_FE_ERR("CA_FE_ERR", F32, REQUIRED),
    TI_FE("TI_FE", F32, REQUIRED),
    TI_FE_ERR("TI_FE_ERR", F32, REQUIRED);

    public static final String CATALOGUE = "OCCAM APOGEE DR16 cluster table";

    private final Spec spec;

    OccamColumn(String name, Kind kind, Need need, String... aliases) {
        this.spec = Spec.of(name, kind, need, aliases);
    }

    public static CatalogueReader<OccamColumn> reader() {
        return new CatalogueReader<>(CATALOGUE, OccamColumn.class);
    }

    /** The [X/Fe] column of an element. */
    public static OccamColumn abundance(Element e) {
        return valueOf(e.name() + "_FE");
    }

    /** Its error column. */
    public static OccamColumn error(Element e) {
        return valueOf(e.name() + "_FE_ERR");
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
