package org.alphatap.writers;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;
import uk.ac.starlink.table.TableFormatException;

/**
 * Refuses an uploaded XML document that declares a DOCTYPE, before STIL reads it: STIL's VOTable
 * parser resolves external entities (a cell can come back holding a local file) and expands
 * internal ones without bound, and a VOTable needs no DOCTYPE.
 */
public final class XmlGuard {
    private static final String NO_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    private XmlGuard() {
    }

    /** Stops at the root element. */
    private static final class RootReached extends SAXException {
        RootReached() {
            super("the root element");
        }
    }

    /** Parses the prolog with a parser that forbids DOCTYPE, up to the first element. */
    public static void refuseDoctype(InputStream in) throws IOException {
        try {
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
}
