package org.alphatap.predict;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StoragePolicy;
import uk.ac.starlink.table.TableFormatException;
import uk.ac.starlink.util.FileDataSource;
import uk.ac.starlink.votable.VOTableBuilder;

/**
 * A VOTable body: its first TABLE, read by STIL into storage that goes to disk when large. STIL's
 * XML parser resolves external entities (a cell can name a file of the server and get its text)
 * and expands internal ones without bound, so a body that declares a DOCTYPE is refused before
 * STIL reads it; a VOTable needs none.
 */
final class VotableInput {
    private static final String NO_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    private VotableInput() {
    }

    static StarTable read(Path file) throws IOException {
        refuseDoctype(file);
        StarTable t = new VOTableBuilder().makeStarTable(new FileDataSource(file.toFile()), false,
                StoragePolicy.PREFER_DISK);
        if (t == null) {
            throw new TableFormatException("the VOTable holds no TABLE");
        }
        return t;
    }

    /** Parses the prolog with a parser that forbids DOCTYPE, up to the first element. */
    private static void refuseDoctype(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setFeature(NO_DOCTYPE, true);
            f.newSAXParser().parse(in, new DefaultHandler() {
                @Override
                public void startElement(String uri, String local, String name, Attributes attributes)
                        throws SAXException {
                    throw new RootReached();
                }
            });
        } catch (RootReached fine) {
            // The root element: no DOCTYPE came before it.
        } catch (SAXException e) {
            throw new TableFormatException("the VOTable is refused: " + e.getMessage()
                    + (e.getMessage().contains("DOCTYPE") ? " (XML entities could read the service's files;"
                            + " a VOTable needs no DOCTYPE)" : ""));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's SAX parser cannot forbid DOCTYPE", e);
        }
    }

    /** Stops the prolog check at the root element. */
    private static final class RootReached extends SAXException {
        RootReached() {
            super("the root element");
        }
    }
}
