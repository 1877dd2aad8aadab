package org.alphatap.tap.uws;

import static org.alphatap.writers.XmlText.escape;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The UWS 1.1 documents: a job, the job list, a job's parameters and results. Every text from a
 * client (parameters, run ids, and error messages quoting them) is escaped.
 */
public final class UwsXml {
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    private static final String NAMESPACES = " xmlns:uws=\"http://www.ivoa.net/xml/UWS/v1.0\""
            + " xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private UwsXml() {
    }

    /** A job's document; {@code url} is the job's own absolute URL. */
    public static String job(Job j, String url) {
        StringBuilder b = new StringBuilder(DECLARATION).append("<uws:job version=\"1.1\"").append(NAMESPACES)
                .append(">\n");
        element(b, "  ", "jobId", j.id());
        if (j.runId() != null) {
            element(b, "  ", "runId", j.runId());
        }
        b.append("  <uws:ownerId xsi:nil=\"true\"/>\n");
        element(b, "  ", "phase", j.phase().name());
        b.append("  <uws:quote xsi:nil=\"true\"/>\n");
        element(b, "  ", "creationTime", time(j.creationTime()));
        timeOrNil(b, "startTime", j.startTime());
        timeOrNil(b, "endTime", j.endTime());
        element(b, "  ", "executionDuration", String.valueOf(j.executionDuration()));
        element(b, "  ", "destruction", time(j.destruction()));
        parameters(b, j, "");
        results(b, j, url, "");
        if (j.phase() == Phase.ERROR) {
            b.append("  <uws:errorSummary type=\"fatal\" hasDetail=\"true\">\n    <uws:message>")
                    .append(escape(j.error())).append("</uws:message>\n  </uws:errorSummary>\n");
        }
        if (j.result() != null) {
            b.append("  <uws:jobInfo><rows>").append(j.result().rows()).append("</rows><overflow>")
                    .append(j.result().overflow()).append("</overflow></uws:jobInfo>\n");
        }
        return b.append("</uws:job>\n").toString();
    }

    /** The job list; {@code url} is the list's absolute URL, a job's URL is {@code url/id}. */
    public static String jobs(List<Job.Ref> jobs, String url) {
        StringBuilder b = new StringBuilder(DECLARATION).append("<uws:jobs version=\"1.1\"").append(NAMESPACES)
                .append(">\n");
        for (Job.Ref j : jobs) {
            b.append("  <uws:jobref id=\"").append(j.id()).append("\" xlink:type=\"simple\" xlink:href=\"")
                    .append(escape(url + "/" + j.id())).append("\">\n");
            element(b, "    ", "phase", j.phase().name());
            if (j.runId() != null) {
                element(b, "    ", "runId", j.runId());
            }
            b.append("    <uws:ownerId xsi:nil=\"true\"/>\n");
            element(b, "    ", "creationTime", time(j.creationTime()));
            b.append("  </uws:jobref>\n");
        }
        return b.append("</uws:jobs>\n").toString();
    }

    /** The {@code /parameters} document. */
    public static String parameters(Job j) {
        StringBuilder b = new StringBuilder(DECLARATION);
        parameters(b, j, NAMESPACES);
        return b.toString();
    }

    /** The {@code /results} document; {@code url} is the job's absolute URL. */
    public static String results(Job j, String url) {
        StringBuilder b = new StringBuilder(DECLARATION);
        results(b, j, url, NAMESPACES);
        return b.toString();
    }

    /** An ISO 8601 UTC time with milliseconds, as UWS writes times. */
    public static String time(Instant t) {
        return TIME.format(t);
    }

    private static void parameters(StringBuilder b, Job j, String namespaces) {
        b.append("  <uws:parameters").append(namespaces).append(">\n");
        for (Map.Entry<String, String> p : j.parameters().entrySet()) {
            b.append("    <uws:parameter id=\"").append(escape(p.getKey())).append("\">").append(escape(p.getValue()))
                    .append("</uws:parameter>\n");
        }
        b.append("  </uws:parameters>\n");
    }

    private static void results(StringBuilder b, Job j, String url, String namespaces) {
        b.append("  <uws:results").append(namespaces).append(">\n");
        if (j.phase() == Phase.COMPLETED && j.result() != null) {
            b.append("    <uws:result id=\"result\" xlink:type=\"simple\" xlink:href=\"")
                    .append(escape(url + "/results/result")).append("\" size=\"").append(j.result().size())
                    .append("\" mime-type=\"").append(escape(j.result().mimeType())).append("\"/>\n");
        }
        b.append("  </uws:results>\n");
    }

    private static void element(StringBuilder b, String indent, String name, String text) {
        b.append(indent).append("<uws:").append(name).append('>').append(escape(text)).append("</uws:").append(name)
                .append(">\n");
    }

    private static void timeOrNil(StringBuilder b, String name, Instant t) {
        if (t == null) {
            b.append("  <uws:").append(name).append(" xsi:nil=\"true\"/>\n");
        } else {
            element(b, "  ", name, time(t));
        }
    }
}
