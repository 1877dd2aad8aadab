package org.alphatap.web;

import java.net.URL;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.bootstrap.DOMImplementationRegistry;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;

/**
 * The IVOA schemas of a VOResource record, from the copies in {@code src/test/resources/xsd/}
 * (provenance in its README). Imports are resolved by namespace to those copies, whatever
 * schemaLocation they name, and nothing else may be read: validation never touches the network.
 */
final class RegistrySchemas {
    /** Namespace to local copy: the schemas a record uses and those they import. */
    private static final Map<String, String> FILES = Map.of(
            "http://www.ivoa.net/xml/RegistryInterface/v1.0", "RegistryInterface-v1.0.xsd",
            "http://www.ivoa.net/xml/VOResource/v1.0", "VOResource-v1.1.xsd",
            "http://www.ivoa.net/xml/VODataService/v1.1", "VODataService-v1.2.xsd",
            "http://www.ivoa.net/xml/TAPRegExt/v1.0", "TAPRegExt-v1.0.xsd",
            "http://www.ivoa.net/xml/ConeSearch/v1.0", "ConeSearch-v1.1.xsd",
            "http://www.ivoa.net/xml/STC/stc-v1.30.xsd", "stc-v1.30.xsd",
            "http://www.w3.org/1999/xlink", "xlink.xsd");

    /** The schemas an instance names by xsi:type or by its root element. */
    private static final List<String> ROOTS = List.of("http://www.ivoa.net/xml/RegistryInterface/v1.0",
            "http://www.ivoa.net/xml/VODataService/v1.1", "http://www.ivoa.net/xml/TAPRegExt/v1.0",
            "http://www.ivoa.net/xml/ConeSearch/v1.0");

    private RegistrySchemas() {
    }

    static Schema load() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        // Local files only: an import the resolver missed fails instead of going to the network.
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setResourceResolver(localCopies());
        Source[] sources = ROOTS.stream().map(ns -> new StreamSource(url(ns).toString())).toArray(Source[]::new);
        return factory.newSchema(sources);
    }

    private static URL url(String namespace) {
        String file = namespace == null ? null : FILES.get(namespace);
        URL url = file == null ? null : RegistrySchemas.class.getResource("/xsd/" + file);
        if (url == null) {
            throw new IllegalStateException("no local copy of the schema of " + namespace + " in src/test/resources/xsd/");
        }
        return url;
    }

    /** Every schema from its local copy, by namespace; the parser opens the file itself. */
    private static LSResourceResolver localCopies() throws Exception {
        DOMImplementationLS ls = (DOMImplementationLS) DOMImplementationRegistry.newInstance().getDOMImplementation("LS");
        return (type, namespace, publicId, systemId, baseUri) -> {
            LSInput input = ls.createLSInput();
            input.setSystemId(url(namespace).toString());
            return input;
        };
    }
}
