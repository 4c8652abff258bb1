package io.tenantsync.conformance.report;

import io.tenantsync.conformance.run.CheckResult;
import io.tenantsync.conformance.run.Outcome;
import io.tenantsync.conformance.run.SuiteResult;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The CI report in the JUnit XML shape CI servers read: one {@code <testsuite>} per group, one {@code <testcase>} per
 * check ({@code classname} = group, {@code name} = check name), {@code <failure>} with the finding, {@code <skipped>}
 * with the reason.
 */
public final class JUnitXmlReport {
    private JUnitXmlReport() {
    }

    public static String render(SuiteResult result) {
        Map<String, List<CheckResult>> groups = new LinkedHashMap<>();
        result.results().forEach(r -> groups.computeIfAbsent(r.group(), g -> new java.util.ArrayList<>()).add(r));
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "tenantsync conformance: " + result.endpoint());
            attributes(xml, result.results());
            xml.writeCharacters("\n");
            for (Map.Entry<String, List<CheckResult>> group : groups.entrySet()) {
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", group.getKey());
                xml.writeAttribute("timestamp", result.started().toString());
                attributes(xml, group.getValue());
                xml.writeCharacters("\n");
                for (CheckResult r : group.getValue()) {
                    xml.writeStartElement("testcase");
                    xml.writeAttribute("classname", group.getKey());
                    xml.writeAttribute("name", r.name());
                    xml.writeAttribute("time", seconds(r.duration().toMillis()));
                    if (r.outcome() == Outcome.FAILED) {
                        xml.writeStartElement("failure");
                        xml.writeAttribute("message", printable(r.detail().lines().findFirst().orElse("failed")));
                        xml.writeCharacters(printable(r.detail()));
                        xml.writeEndElement();
                    } else if (r.outcome() == Outcome.SKIPPED) {
                        xml.writeStartElement("skipped");
                        xml.writeAttribute("message", printable(r.detail()));
                        xml.writeEndElement();
                    }
                    xml.writeEndElement();
                    xml.writeCharacters("\n");
                }
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out + "\n";
    }

    private static void attributes(XMLStreamWriter xml, List<CheckResult> results) throws XMLStreamException {
        xml.writeAttribute("tests", Integer.toString(results.size()));
        xml.writeAttribute("failures", Long.toString(results.stream().filter(r -> r.outcome() == Outcome.FAILED).count()));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", Long.toString(results.stream().filter(r -> r.outcome() == Outcome.SKIPPED).count()));
        xml.writeAttribute("time", seconds(results.stream().mapToLong(r -> r.duration().toMillis()).sum()));
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** XML 1.0 cannot carry most control characters, even escaped; a response body may hold them. */
    private static String printable(String text) {
        StringBuilder s = new StringBuilder(text.length());
        text.codePoints().forEach(c -> s.appendCodePoint(c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c != 0xFFFE && c != 0xFFFF ? c : '?'));
        return s.toString();
    }
}
