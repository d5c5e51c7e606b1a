package org.jdpu.sim;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The top-level ports of a model, taken from Verilator's own outputs rather than from parsing
 * Verilog: the generated {@code V<top>.h} gives each port's C++ member, storage type and flattened
 * width; the {@code --xml-only} netlist gives declaration order, direction and signedness.
 *
 * @param ports    in declaration order
 * @param cppNames C++ member name of each port (same order)
 * @param sizes    storage bytes of each port: 1, 2, 4, 8 or 4 * words (same order)
 */
record PortTable(List<PortInfo> ports, List<String> cppNames, List<Integer> sizes) {

    private static final Pattern ESCAPE = Pattern.compile("__0([0-9a-fA-F]{2})");
    private static final Pattern DECL = Pattern.compile(
            "VL_(IN|OUT|INOUT)(8|16|64|W|)\\(&(\\w+),(\\d+),(\\d+)(?:,(\\d+))?\\);");

    /** Storage size in bytes Verilator uses for a port of this width. */
    static int storageBytes(int width) {
        if (width <= 8) return 1;
        if (width <= 16) return 2;
        if (width <= 32) return 4;
        if (width <= 64) return 8;
        return 4 * ((width + 31) / 32);
    }

    static PortTable read(Path header, Path xml, String top) {
        Map<String, HeaderPort> fromHeader = parseHeader(header);
        List<XmlPort> fromXml = parseXml(xml, top);
        List<PortInfo> ports = new ArrayList<>();
        List<String> cpp = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (XmlPort x : fromXml) {
            HeaderPort h = fromHeader.get(x.name());
            if (h == null) {
                throw new VerilatorException("port '" + x.name() + "' of " + top + " has no plain C++ member in "
                        + header.getFileName() + " (Verilator renamed it); use a plain identifier for top-level ports");
            }
            ports.add(new PortInfo(x.name(), h.width(), h.direction(), x.signed()));
            cpp.add(h.cppName());
            sizes.add(h.bytes());
        }
        return new PortTable(List.copyOf(ports), List.copyOf(cpp), List.copyOf(sizes));
    }

    private record HeaderPort(String cppName, int width, Direction direction, int bytes) {}

    private record XmlPort(String name, int pinIndex, boolean signed) {}

    private static Map<String, HeaderPort> parseHeader(Path header) {
        String text;
        try {
            text = Files.readString(header);
        } catch (IOException e) {
            throw new VerilatorException("cannot read Verilator's generated header " + header + ": " + e.getMessage(), e);
        }
        Map<String, HeaderPort> ports = new LinkedHashMap<>();
        Matcher m = DECL.matcher(text);
        while (m.find()) {
            Direction dir = switch (m.group(1)) {
                case "IN" -> Direction.INPUT;
                case "OUT" -> Direction.OUTPUT;
                default -> Direction.INOUT;
            };
            int msb = Integer.parseInt(m.group(4));
            int lsb = Integer.parseInt(m.group(5));
            int width = Math.abs(msb - lsb) + 1;
            int bytes = switch (m.group(2)) {
                case "8" -> 1;
                case "16" -> 2;
                case "64" -> 8;
                case "W" -> 4 * Integer.parseInt(m.group(6));
                default -> 4;
            };
            if (bytes != storageBytes(width)) {
                throw new VerilatorException("unexpected storage for port " + m.group(3) + " in " + header
                        + ": " + m.group() + " (this Verilator version lays out ports differently)");
            }
            ports.put(decode(m.group(3)), new HeaderPort(m.group(3), width, dir, bytes));
        }
        return ports;
    }

    /** Undoes Verilator's {@code __0XX} escaping of characters that C++ identifiers cannot hold. */
    private static String decode(String cppName) {
        Matcher m = ESCAPE.matcher(cppName);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(
                String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        m.appendTail(sb);
        return sb.toString();
    }

    private static List<XmlPort> parseXml(Path xml, String top) {
        Document doc = XmlNetlist.read(xml);
        Map<String, Element> dtypes = new HashMap<>();
        NodeList typetables = doc.getElementsByTagName("typetable");
        for (int t = 0; t < typetables.getLength(); t++) {
            NodeList kids = typetables.item(t).getChildNodes();
            for (int i = 0; i < kids.getLength(); i++) {
                if (kids.item(i) instanceof Element e && e.hasAttribute("id")) dtypes.put(e.getAttribute("id"), e);
            }
        }
        Element module = null;
        NodeList modules = doc.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            Element e = (Element) modules.item(i);
            if ("1".equals(e.getAttribute("topModule"))) module = e;
        }
        if (module == null) throw new VerilatorException("Verilator's XML netlist has no top module " + top);
        List<XmlPort> ports = new ArrayList<>();
        NodeList kids = module.getChildNodes();
        for (int i = 0; i < kids.getLength(); i++) {
            if (!(kids.item(i) instanceof Element v) || !v.getTagName().equals("var") || !v.hasAttribute("dir")) continue;
            int pin = v.hasAttribute("pinIndex") ? Integer.parseInt(v.getAttribute("pinIndex")) : Integer.MAX_VALUE;
            ports.add(new XmlPort(v.getAttribute("name"), pin, isSigned(dtypes, v.getAttribute("dtype_id"))));
        }
        ports.sort(Comparator.comparingInt(XmlPort::pinIndex));
        return ports;
    }

    /** A port is signed when its type (through typedef references) is declared signed as a whole. */
    private static boolean isSigned(Map<String, Element> dtypes, String id) {
        for (int hops = 0; hops < 16 && id != null && !id.isEmpty(); hops++) {
            Element d = dtypes.get(id);
            if (d == null) return false;
            if ("true".equals(d.getAttribute("signed"))) return true;
            if (!d.getTagName().equals("refdtype")) return false;
            id = d.getAttribute("sub_dtype_id");
        }
        return false;
    }
}
