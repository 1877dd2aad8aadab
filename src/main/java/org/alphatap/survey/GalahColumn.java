package org.alphatap.survey;

import static org.alphatap.survey.Kind.F32;
import static org.alphatap.survey.Kind.F64;
import static org.alphatap.survey.Kind.I32;
import static org.alphatap.survey.Kind.I64;
import static org.alphatap.survey.Need.KEY;
import static org.alphatap.survey.Need.OPTIONAL;
import static org.alphatap.survey.Need.REQUIRED;

/**
 * Columns of the GALAH DR4 allstar catalogue. DR3 spellings (capitalised element names,
 * {@code snr_c3_iraf}, {@code dr3_source_id}) are accepted too. {@code flag_fe_h} is deliberately
 * absent: DR4 documents it as broken.
 */
public enum GalahColumn implements CatalogueColumn {
    SOBJECT_ID("sobject_id", I64, KEY),
    GAIADR3_SOURCE_ID("gaiadr3_source_id", I64, REQUIRED, "dr3_source_id"),
    RA("ra", F64, REQUIRED),
    DEC("dec", F64, REQUIRED),
    TEFF("teff", F32, REQUIRED),
    E_TEFF("e_teff", F32, OPTIONAL),
    LOGG("logg", F32, REQUIRED),
    E_LOGG("e_logg", F32, OPTIONAL),
    FE_H("fe_h", F32, REQUIRED),
    E_FE_H("e_fe_h", F32, OPTIONAL),
    VMIC("vmic", F32, REQUIRED),
    SNR_PX_CCD3("snr_px_ccd3", F32, REQUIRED, "snr_c3_iraf"),
    FLAG_SP("flag_sp", I32, REQUIRED),
    O_FE("o_fe", F32, REQUIRED),
    E_O_FE("e_o_fe", F32, REQUIRED),
    FLAG_O_FE("flag_o_fe", I32, REQUIRED),
    MG_FE("mg_fe", F32, REQUIRED),
    E_MG_FE("e_mg_fe", F32, REQUIRED),
    FLAG_MG_FE("flag_mg_fe", I32, REQUIRED),
    SI_FE("si_fe", F32, REQUIRED),
    E_SI_FE("e_si_fe", F32, REQUIRED),
    FLAG_SI_FE("flag_si_fe", I32, REQUIRED),
    CA_FE("ca_fe", F32, REQUIRED),
    E_CA_FE("e_ca_fe", F32, REQUIRED),
    FLAG_CA_FE("flag_ca_fe", I32, REQUIRED),
    TI_FE("ti_fe", F32, REQUIRED),
    E_TI_FE("e_ti_fe", F32, REQUIRED),
    FLAG_TI_FE("flag_ti_fe", I32, REQUIRED);

    public static final String CATALOGUE = "GALAH DR4 allstar catalogue";

    private final Spec spec;

    GalahColumn(String name, Kind kind, Need need, String... aliases) {
        this.spec = Spec.of(name, kind, need, aliases);
    }

    public static CatalogueReader<GalahColumn> reader() {
        return new CatalogueReader<>(CATALOGUE, GalahColumn.class);
    }

    /** The [X/Fe] column of an element. */
    public static GalahColumn abundance(Element e) {
        return valueOf(e.name() + "_FE");
    }

    /** The uncertainty column e_[x]_fe of an element. */
    public static GalahColumn error(Element e) {
        return valueOf("E_" + e.name() + "_FE");
    }

    /** The quality bitmask flag_[x]_fe of an element. */
    public static GalahColumn flag(Element e) {
        return valueOf("FLAG_" + e.name() + "_FE");
    }

    @Override
    public Spec spec() {
        return spec;
    }
}
