package org.alphatap.predict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alphatap.catalogue.Table;
import org.alphatap.writers.StreamedTable;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableFormatException;
import org.alphatap.store.Store;

/**
 * /predict of one build: a request's stars checked (every error, with its row and column, comes
 * before the answer starts), then predicted as the answer is written.
 */
public final class PredictService {
    /** The catalogue table whose columns an answer's columns are described as. */
    public static final String STARS = "alpha.stars";
    private final Predictor predictor;
    private final Table described;
    private final PredictSettings settings;

    private PredictService(Predictor predictor, Table described, PredictSettings settings) {
        this.predictor = predictor;
        this.described = described;
        this.settings = settings;
    }

    /**
     * The models of the build in {@code data}; {@code described} is the catalogue's table of stars,
     * whose columns' units, UCDs and descriptions the answer's columns take.
     */
    public static PredictService load(Path data, Store tables, Table described, PredictSettings settings)
            throws IOException, SQLException {
        return new PredictService(Predictor.load(data, tables), described, settings);
    }

    /** One star from request parameters (names upper case, looked up in any case). */
    public StreamedTable star(Map<String, String> params) throws PredictRefusal {
        for (String feature : InputColumns.INPUTS.subList(0, InputColumns.REQUIRED)) {
            if (params.get(feature) == null) {
                throw new PredictRefusal(400, "no " + feature + " parameter: GET /predict needs teff, logg and feh"
                        + " (and takes alpha_m, teff_err, logg_err, feh_err and alpha_m_err)");
            }
        }
        List<ColumnInfo> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (String name : InputColumns.INPUTS) {
            String value = params.get(name);
            if (value != null) {
                columns.add(new ColumnInfo(name, String.class, null));
                values.add(value);
            }
        }
        RowListStarTable table = new RowListStarTable(columns.toArray(new ColumnInfo[0]));
        table.addRow(values.toArray());
        return checked(table);
    }

    /** The table in the body of a POST, kept in {@code body}. */
    public StreamedTable posted(Path body, InputFormat format) throws PredictRefusal {
        StarTable table;
        try {
            if (Files.size(body) == 0) {
                throw new PredictRefusal(400, "the request body is empty; POST a table with the columns teff, logg"
                        + " and feh");
            }
            table = format.open(body);
        } catch (TableFormatException e) {
            throw new PredictRefusal(400, e.getMessage());
        } catch (IOException e) {
            throw new PredictRefusal(400, "the " + format.name() + " body cannot be read: " + e.getMessage());
        }
        return checked(table);
    }

    private StreamedTable checked(StarTable table) throws PredictRefusal {
        InputColumns columns = InputColumns.of(table, described);
        columns.check(table, settings.maxRows());
        return new PredictionTable(table, columns, predictor, described);
    }
}
