package org.jdpu.sim;

import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;

/** Reads the {@code --xml-only} netlist a build keeps; both the port table and the trace scopes come from it. */
final class XmlNetlist {
    private XmlNetlist() {}

    /** The parsed netlist; doctype declarations are refused, so the parser never fetches anything. */
    static Document read(Path xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(xml.toFile());
        } catch (Exception e) {
            throw new VerilatorException("cannot read Verilator's XML netlist " + xml + ": " + e.getMessage(), e);
        }
    }
}
