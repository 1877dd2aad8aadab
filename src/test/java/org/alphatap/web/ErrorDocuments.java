package org.alphatap.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Whether an answer is one the service may give: never a 5xx, and every refusal a well-formed
 * error document of the endpoint's kind, with a message; a VOTable or JSON result well-formed too
 * (a stream cut in the middle is not).
 */
final class ErrorDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorDocuments() {
    }

    /** What is wrong with {@code answer} to {@code request}, or null when nothing is. */
    static String problem(FuzzRequest request, RawHttp.Answer answer) {
        int status = answer.status();
        if (status >= 500) {
            return "HTTP " + status + ": " + answer.text();
        }
        String type = answer.contentType();
        if (request.errors() == FuzzRequest.Errors.PREDICT_JSON && status >= 400 && !type.startsWith("application/json")
                && decodable(request.target())) {
            return "HTTP " + status + ": a JSON error was asked for, not " + type + ": " + answer.text();
        }
        try {
            if (type.startsWith("application/x-votable+xml") || type.startsWith("text/xml")) {
                return xml(request, status, answer.body());
            }
            if (type.startsWith("application/json")) {
                return json(request, status, answer.body());
            }
            if (status < 300 || status < 400 && request.errors() == FuzzRequest.Errors.UWS) {
                return null;
            }
            boolean text = type.startsWith("text/plain") && !answer.text().isBlank();
            return request.errors() == FuzzRequest.Errors.UWS && text ? null
                    : "HTTP " + status + " without an error document (" + type + "): " + answer.text();
        } catch (Exception malformed) {
            return "HTTP " + status + " " + type + " is malformed (" + malformed.getMessage() + "): " + answer.text();
        }
    }

    private static String xml(FuzzRequest request, int status, byte[] body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
        if (!root.getTagName().equals("VOTABLE")) {
            // The service's other documents: capabilities, tables, UWS jobs.
            return status < 400 ? null : "HTTP " + status + ": <" + root.getTagName() + "> is no error document";
        }
        NodeList infos = root.getElementsByTagName("INFO");
        String queryStatus = null;
        String message = null;
        boolean scsError = false;
        for (int i = 0; i < infos.getLength(); i++) {
            Element info = (Element) infos.item(i);
            scsError |= info.getAttribute("name").equals("Error") && !info.getAttribute("value").isBlank();
            if (info.getAttribute("name").equals("QUERY_STATUS")) {
                queryStatus = info.getAttribute("value");
                message = info.getTextContent();
            }
        }
        boolean error = "ERROR".equals(queryStatus);
        if (request.errors() == FuzzRequest.Errors.SCS && (error || status >= 400)) {
            return error && scsError ? null : "HTTP " + status + ": not an SCS error document (INFO name=\"Error\")";
        }
        if (status >= 400) {
            return error && !message.isBlank() ? null : "HTTP " + status + ": no QUERY_STATUS=ERROR with a message";
        }
        if (error) {
            // A UWS job's /error is a 200 that holds its error.
            return request.errors() == FuzzRequest.Errors.UWS ? null : "HTTP " + status + " with QUERY_STATUS=ERROR";
        }
        return queryStatus == null ? "a VOTable result without QUERY_STATUS" : null;
    }

    /** Whether the parameters of a request target can be read at all (else no one knows that JSON was asked for). */
    private static boolean decodable(String target) {
        try {
            new QueryStringDecoder(target).parameters();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String json(FuzzRequest request, int status, byte[] body) throws Exception {
        JsonNode tree = JSON.readTree(body);
        if (status < 400) {
            return null;
        }
        boolean error = tree.path("query_status").asText().equals("ERROR") && !tree.path("message").asText().isBlank();
        return error && request.errors() == FuzzRequest.Errors.PREDICT_JSON ? null
                : "HTTP " + status + ": a JSON answer where a " + request.errors() + " error document was due";
    }
}
