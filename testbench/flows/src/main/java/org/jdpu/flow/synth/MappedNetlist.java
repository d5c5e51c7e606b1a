package org.jdpu.flow.synth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.jdpu.flow.FlowException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The combinational part of a flattened, Xilinx-mapped netlist as Yosys {@code write_json} writes
 * it, reduced to what a logic-depth analysis needs: for every bit driven by a combinational cell,
 * which cell drives it and from which input bits; for every register, which net it holds; and
 * readable net names. The file is read with a streaming parser because a large preset's netlist
 * is hundreds of megabytes.
 */
final class MappedNetlist {

    /** How a cell takes part in timing paths. */
    enum Role { COMBINATIONAL, BUFFER, CARRY, SEQUENTIAL }

    /**
     * One combinational cell: its inputs (all of them, or for a carry chain the per-bit inputs) and
     * the logic levels it adds.
     */
    record Comb(String name, String type, int levels, int[] inputs, int[] carryS, int[] carryDi, int[] carryIn) {}

    final List<Comb> cells = new ArrayList<>();
    /** For each bit id: index into {@link #cells} of the driving combinational cell, or -1. */
    int[] driver = new int[0];
    /** For each bit id: position of the bit within the driving cell's output port (carry chains). */
    int[] driverBit = new int[0];
    /** Register data input bit -> the register's output bit, to name path endpoints by register. */
    final Map<Integer, Integer> registerOf = new HashMap<>();
    /** Buffer input bit -> output bit: a register driving an output port is named after the port. */
    final Map<Integer, Integer> bufferedAs = new HashMap<>();
    /** Public net name of each bit id (null when only internal names exist). */
    String[] names = new String[0];
    /** Bits where timing paths end: inputs of registers, RAMs and registered DSP ports, output ports. */
    final java.util.BitSet endpoints = new java.util.BitSet();
    /** Clock bit -> the endpoints of the registers, RAMs and DSPs it clocks (a path belongs to the clock that captures it). */
    final Map<Integer, java.util.BitSet> endpointsByClock = new LinkedHashMap<>();
    /** Cell types the analysis does not know; they are treated as path boundaries. */
    final Map<String, Long> unknownTypes = new LinkedHashMap<>();

    static MappedNetlist read(Path json, String top) {
        MappedNetlist n = new MappedNetlist();
        try (JsonParser p = new JsonFactory().createParser(json.toFile())) {
            expect(p, JsonToken.START_OBJECT);
            boolean found = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("modules")) { p.skipChildren(); continue; }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String module = p.currentName();
                    p.nextToken();
                    if (module.equals(top)) { n.readModule(p); found = true; } else p.skipChildren();
                }
            }
            if (!found) throw new FlowException(json + " holds no module named " + top);
        } catch (IOException e) {
            throw new FlowException("cannot read netlist " + json + ": " + e.getMessage(), e);
        }
        return n;
    }

    private void readModule(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "ports" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        p.nextToken();
                        readPort(p);
                    }
                }
                case "cells" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        readCell(p, name);
                    }
                }
                case "netnames" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        readNetname(p, name);
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    private void readCell(JsonParser p, String name) throws IOException {
        String type = "";
        Map<String, Long> params = new HashMap<>();
        Map<String, String> dirs = new HashMap<>();
        Map<String, int[]> conns = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "type" -> type = p.getText();
                case "parameters" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        if (key.endsWith("REG")) params.put(key, parameterValue(p));
                        else p.skipChildren();
                    }
                }
                case "port_directions" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String port = p.currentName();
                        p.nextToken();
                        dirs.put(port, p.getText());
                    }
                }
                case "connections" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String port = p.currentName();
                        p.nextToken();
                        conns.put(port, readBits(p));
                    }
                }
                default -> p.skipChildren();
            }
        }
        addCell(name, type, params, dirs, conns);
    }

    private void readPort(JsonParser p) throws IOException {
        String direction = "";
        int[] bits = new int[0];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "direction" -> direction = p.getText();
                case "bits" -> bits = readBits(p);
                default -> p.skipChildren();
            }
        }
        if (!direction.equals("input")) for (int b : bits) if (b >= 0) endpoints.set(b);
    }

    private void readNetname(JsonParser p, String name) throws IOException {
        boolean hidden = false;
        int[] bits = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "hide_name" -> hidden = p.getIntValue() != 0;
                case "bits" -> bits = readBits(p);
                default -> p.skipChildren();
            }
        }
        if (hidden || bits == null) return;
        for (int i = 0; i < bits.length; i++) {
            int b = bits[i];
            if (b < 0) continue;
            ensure(b);
            if (names[b] == null) names[b] = bits.length == 1 ? name : name + "[" + i + "]";
        }
    }

    private void addCell(String name, String type, Map<String, Long> params, Map<String, String> dirs,
                         Map<String, int[]> conns) {
        Role role = roleOf(type, params);
        int clock = clockOf(conns);
        if (role == Role.SEQUENTIAL) {
            for (var e : conns.entrySet()) {
                if (!"output".equals(dirs.get(e.getKey()))) for (int b : e.getValue()) if (b >= 0) endpoint(b, clock);
            }
            if (XilinxCells.isFlipFlop(type) && conns.containsKey("D") && conns.containsKey("Q")) {
                int d = conns.get("D")[0], q = conns.get("Q")[0];
                if (d >= 0 && q >= 0) registerOf.putIfAbsent(d, q);
            }
            return;
        }
        if (dirs.isEmpty()) {
            unknownTypes.merge(type + " (no port directions)", 1L, Long::sum);
            return;
        }
        List<Integer> ins = new ArrayList<>();
        for (var e : conns.entrySet()) {
            if (!"input".equals(dirs.get(e.getKey()))) continue;
            if ((XilinxCells.isDsp(type) && dspInputRegistered(e.getKey(), params))
                    || (XilinxCells.isLutRam(type) && !isLutRamReadInput(e.getKey()))) {
                for (int b : e.getValue()) if (b >= 0) endpoint(b, clock);
                continue;
            }
            for (int b : e.getValue()) if (b >= 0) ins.add(b);
        }
        int levels = role == Role.BUFFER ? 0 : 1;
        if (role == Role.BUFFER && conns.containsKey("I") && conns.containsKey("O")) {
            int i = conns.get("I")[0], o = conns.get("O")[0];
            if (i >= 0 && o >= 0) bufferedAs.putIfAbsent(i, o);
        }
        Comb cell = role == Role.CARRY
                ? new Comb(name, type, levels, null, bitsOf(conns, "S"), bitsOf(conns, "DI"),
                        concat(bitsOf(conns, "CI"), bitsOf(conns, "CYINIT"), bitsOf(conns, "CI_TOP")))
                : new Comb(name, type, levels, ins.stream().mapToInt(Integer::intValue).toArray(), null, null, null);
        int index = cells.size();
        cells.add(cell);
        for (var e : conns.entrySet()) {
            if (!"output".equals(dirs.get(e.getKey()))) continue;
            int[] bits = e.getValue();
            for (int i = 0; i < bits.length; i++) {
                int b = bits[i];
                if (b < 0) continue;
                ensure(b);
                driver[b] = index;
                driverBit[b] = i;
            }
        }
    }

    /** The clock input of a sequential cell (flip-flop C, DSP and SRL CLK, block RAM port A, LUT RAM WCLK), or -1. */
    private static int clockOf(Map<String, int[]> conns) {
        for (String port : CLOCK_PORTS) {
            int[] bits = conns.get(port);
            if (bits != null && bits.length > 0 && bits[0] >= 0) return bits[0];
        }
        return -1;
    }

    private static final List<String> CLOCK_PORTS = List.of("C", "CLK", "CLKARDCLK", "WCLK", "CLKBWRCLK");

    private void endpoint(int bit, int clock) {
        endpoints.set(bit);
        if (clock >= 0 && bit != clock) endpointsByClock.computeIfAbsent(clock, k -> new java.util.BitSet()).set(bit);
    }

    private Role roleOf(String type, Map<String, Long> params) {
        if (XilinxCells.isLogicLut(type) || XilinxCells.isWideMux(type) || type.equals("INV")
                || XilinxCells.isLutRam(type)) return Role.COMBINATIONAL;
        if (XilinxCells.isCarry(type)) return Role.CARRY;
        if (XilinxCells.isBuffer(type)) return Role.BUFFER;
        if (XilinxCells.isDsp(type)) {
            // A DSP whose multiplier or output register is used starts a new path at its output.
            return params.getOrDefault("PREG", 0L) > 0 || params.getOrDefault("MREG", 0L) > 0
                    ? Role.SEQUENTIAL : Role.COMBINATIONAL;
        }
        if (XilinxCells.isFlipFlop(type) || XilinxCells.isLatch(type) || XilinxCells.isBlockRam36(type)
                || XilinxCells.isBlockRam18(type) || XilinxCells.isUltraRam(type)
                || XilinxCells.isShiftRegister(type) || type.equals("GND") || type.equals("VCC")) {
            return Role.SEQUENTIAL;
        }
        unknownTypes.merge(type, 1L, Long::sum);
        return Role.SEQUENTIAL;
    }

    /** DSP48E2 input groups and the parameter of their input register. */
    private static boolean dspInputRegistered(String port, Map<String, Long> params) {
        String reg = switch (port) {
            case "A", "ACIN" -> "AREG";
            case "B", "BCIN" -> "BREG";
            case "C" -> "CREG";
            case "D" -> "DREG";
            case "OPMODE" -> "OPMODEREG";
            case "ALUMODE" -> "ALUMODEREG";
            case "INMODE" -> "INMODEREG";
            case "CARRYIN" -> "CARRYINREG";
            case "PCIN", "CARRYCASCIN", "MULTSIGNIN", "CARRYINSEL" -> null;
            default -> "";   // clocks, clock enables and resets carry no data
        };
        if (reg == null) return false;
        if (reg.isEmpty()) return true;
        return params.getOrDefault(reg, 0L) > 0;
    }

    /** Distributed RAM reads asynchronously: address inputs reach the data output in one LUT level. */
    private static boolean isLutRamReadInput(String port) {
        return port.startsWith("ADDR") || port.startsWith("DPRA") || port.matches("A[0-9]*");
    }

    private static long parameterValue(JsonParser p) throws IOException {
        if (p.currentToken().isNumeric()) return p.getLongValue();
        String s = p.getText().strip();
        if (s.matches("[01]+")) return s.length() > 62 ? 1 : Long.parseLong(s, 2);
        if (s.matches("-?[0-9]+")) return Long.parseLong(s);
        return 0;
    }

    /** A connection's bits: net ids, or -1 for constants ("0", "1", "x", "z"). */
    private static int[] readBits(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) { p.skipChildren(); return new int[0]; }
        List<Integer> bits = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            bits.add(p.currentToken() == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1);
        }
        return bits.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] bitsOf(Map<String, int[]> conns, String port) {
        return conns.getOrDefault(port, new int[0]);
    }

    private static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(java.util.Arrays::stream).filter(b -> b >= 0).toArray();
    }

    private void ensure(int bit) {
        if (bit < driver.length) return;
        int size = Math.max(bit + 1, driver.length * 2);
        int old = driver.length;
        driver = java.util.Arrays.copyOf(driver, size);
        java.util.Arrays.fill(driver, old, size, -1);
        driverBit = java.util.Arrays.copyOf(driverBit, size);
        names = java.util.Arrays.copyOf(names, size);
    }

    private static void expect(JsonParser p, JsonToken token) throws IOException {
        if (p.nextToken() != token) throw new IOException("expected " + token + " at " + p.currentLocation());
    }
}
