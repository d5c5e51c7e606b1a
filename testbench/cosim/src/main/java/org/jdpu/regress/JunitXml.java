package org.jdpu.regress;

import org.jdpu.io.AtomicFile;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A regression report as JUnit XML, the format CI systems and test-report tools read: a
 * {@code testsuites} root with the totals; one {@code testsuite} per configuration and kind
 * ({@code jdpu.regress.<arch>.<kind>}) carrying the plan and the shard as properties; one
 * {@code testcase} per case with {@code failure}, {@code error} or {@code skipped} and the reason.
 * Written with the JDK's StAX writer, which escapes what XML needs.
 */
final class JunitXml {
    private JunitXml() {}

    static void write(RegressReport report, Path file) {
        AtomicFile.writeOrFail(file, out -> {
            try {
                XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
                write(report, x);
                x.close();
            } catch (XMLStreamException e) {
                throw new IOException("cannot write XML: " + e.getMessage(), e);
            }
        });
    }

    private static void write(RegressReport report, XMLStreamWriter x) throws XMLStreamException {
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuites");
        x.writeAttribute("name", RegressReport.FORMAT + (report.shard().count() > 1 ? " shard " + report.shard() : ""));
        counts(x, report.results());
        for (var suite : suites(report).entrySet()) {
            x.writeCharacters("\n  ");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", suite.getKey());
            counts(x, suite.getValue());
            x.writeCharacters("\n    ");
            x.writeStartElement("properties");
            property(x, "plan", report.plan().toString());
            property(x, "shard", report.shard().toString());
            x.writeCharacters("\n    ");
            x.writeEndElement();
            for (CaseResult r : suite.getValue()) testcase(x, suite.getKey(), r);
            x.writeCharacters("\n  ");
            x.writeEndElement();
        }
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndDocument();
    }

    /** The results grouped by configuration and kind, in case order. */
    private static Map<String, List<CaseResult>> suites(RegressReport report) {
        Map<String, List<CaseResult>> suites = new LinkedHashMap<>();
        for (CaseResult r : report.results()) {
            suites.computeIfAbsent(suiteName(r.regressCase()), k -> new ArrayList<>()).add(r);
        }
        return suites;
    }

    static String suiteName(RegressCase c) {
        return "jdpu.regress." + c.arch() + "." + c.kind().label();
    }

    private static void counts(XMLStreamWriter x, List<CaseResult> rs) throws XMLStreamException {
        x.writeAttribute("tests", Integer.toString(rs.size()));
        x.writeAttribute("failures", count(rs, CaseResult.Status.FAILED));
        x.writeAttribute("errors", count(rs, CaseResult.Status.ERROR));
        x.writeAttribute("skipped", count(rs, CaseResult.Status.SKIPPED));
        x.writeAttribute("time", seconds(rs.stream().mapToDouble(CaseResult::seconds).sum()));
    }

    private static String count(List<CaseResult> rs, CaseResult.Status s) {
        return Long.toString(rs.stream().filter(r -> r.status() == s).count());
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n      ");
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", value);
    }

    private static void testcase(XMLStreamWriter x, String suite, CaseResult r) throws XMLStreamException {
        x.writeCharacters("\n    ");
        String element = switch (r.status()) {
            case PASSED -> null;
            case FAILED -> "failure";
            case ERROR -> "error";
            case SKIPPED -> "skipped";
        };
        if (element == null) x.writeEmptyElement("testcase");
        else x.writeStartElement("testcase");
        x.writeAttribute("classname", suite);
        x.writeAttribute("name", r.regressCase().testName());
        x.writeAttribute("time", seconds(r.seconds()));
        if (element == null) return;
        x.writeCharacters("\n      ");
        x.writeStartElement(element);
        x.writeAttribute("message", xmlSafe(r.message()));
        x.writeCharacters(xmlSafe(r.regressCase().id() + (r.drawn().isEmpty() ? "" : " (" + r.drawn() + ")") + ": " + r.message()));
        x.writeEndElement();
        x.writeCharacters("\n    ");
        x.writeEndElement();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** XML 1.0 cannot hold most control characters even escaped; a message never needs them. */
    static String xmlSafe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE
                || c == 0xFFFF ? '?' : c));
        return b.toString();
    }
}
