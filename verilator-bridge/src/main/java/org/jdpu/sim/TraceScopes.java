package org.jdpu.sim;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The hierarchical scopes a model's waveform has, named as the waveform names them
 * ({@code TOP}, {@code TOP.<top>}, {@code TOP.<top>.<instance or named block>...}), read from the
 * {@code --xml-only} netlist a build keeps. Verilator's scope filter silently writes a broken
 * waveform when its scope matches no signal, so a scope is checked against these first.
 */
final class TraceScopes {
    private TraceScopes() {}

    static List<String> read(Path xml, String top) {
        Document doc = XmlNetlist.read(xml);
        Map<String, Element> modules = new HashMap<>();
        Element topModule = null;
        NodeList all = doc.getElementsByTagName("module");
        for (int i = 0; i < all.getLength(); i++) {
            Element m = (Element) all.item(i);
            modules.put(m.getAttribute("name"), m);
            if ("1".equals(m.getAttribute("topModule"))) topModule = m;
        }
        List<String> scopes = new ArrayList<>();
        if (topModule == null) return List.of();
        // TOP holds copies of the top module's ports
        if (hasPorts(topModule)) scopes.add("TOP");
        open(topModule, "TOP." + top, modules, scopes, 0);
        return List.copyOf(scopes);
    }

    private static boolean hasPorts(Element module) {
        for (Node n = module.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("var") && e.hasAttribute("dir")) return true;
        }
        return false;
    }

    /** A new scope: listed, before the scopes inside it, when it holds a signal at any depth. */
    private static boolean open(Element body, String scope, Map<String, Element> modules, List<String> out, int depth) {
        if (depth > 256) return false; // a recursive instantiation; Verilator would have refused it
        int at = out.size();
        boolean signals = scan(body, scope, modules, out, depth + 1);
        if (signals) out.add(at, scope);
        return signals;
    }

    /**
     * Adds the scopes that {@code body} opens below {@code scope} to {@code out}; true when it or any
     * of them holds a traced signal. Statements and unnamed blocks open no scope. Names with a
     * leading underscore are not traced by default.
     */
    private static boolean scan(Element body, String scope, Map<String, Element> modules, List<String> out, int depth) {
        boolean signals = false;
        for (Node n = body.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) continue;
            String name = e.getAttribute("name");
            switch (e.getTagName()) {
                case "var" -> signals |= !name.startsWith("_");
                case "instance" -> {
                    Element def = modules.get(e.getAttribute("defName"));
                    if (def != null) signals |= open(def, scope + "." + name, modules, out, depth);
                }
                case "begin" -> signals |= name.isEmpty() ? scan(e, scope, modules, out, depth)
                        : open(e, scope + "." + name, modules, out, depth);
                default -> signals |= scan(e, scope, modules, out, depth);
            }
        }
        return signals;
    }
}
