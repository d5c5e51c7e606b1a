package org.jdpu.regress;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdpu.io.AtomicFile;
import org.jdpu.io.IoErrors;
import org.jdpu.io.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON summary of a regression report, and its reader. Layout (version 1):
 * <pre>{@code
 * {"format": "jdpu-regress", "version": 1,
 *  "plan": {"archs": ["B512"], "seed": 1, "layers": 2, "networks": 0, "cases": 2},
 *  "shard": "1/2",
 *  "totals": {"passed": 1, "failed": 0, "errors": 0, "skipped": 0, "seconds": 0.41},
 *  "results": [{"index": 0, "kind": "layer", "arch": "B512", "seed": 1, "stress": false,
 *               "status": "passed", "drawn": "...", "message": "...", "cycles": 1234, "seconds": 0.41}]}
 * }</pre>
 * The totals are for people and scripts; the reader recomputes them from the results.
 */
final class SummaryJson {
    private SummaryJson() {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    static void write(RegressReport report, Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", RegressReport.FORMAT);
        root.put("version", RegressReport.VERSION);
        ObjectNode plan = root.putObject("plan");
        ArrayNode archs = plan.putArray("archs");
        report.plan().archs().forEach(archs::add);
        plan.put("seed", report.plan().seed());
        plan.put("layers", report.plan().layers());
        plan.put("networks", report.plan().networks());
        plan.put("cases", report.plan().size());
        root.put("shard", report.shard().toString());
        ObjectNode totals = root.putObject("totals");
        for (CaseResult.Status s : CaseResult.Status.values()) {
            totals.put(s == CaseResult.Status.ERROR ? "errors" : s.label(), report.count(s));
        }
        totals.put("seconds", round(report.seconds()));
        ArrayNode results = root.putArray("results");
        for (CaseResult r : report.results()) {
            ObjectNode n = results.addObject();
            RegressCase c = r.regressCase();
            n.put("index", c.index());
            n.put("kind", c.kind().label());
            n.put("arch", c.arch());
            n.put("seed", c.seed());
            n.put("stress", c.stress());
            n.put("status", r.status().label());
            n.put("drawn", r.drawn());
            n.put("message", r.message());
            n.put("cycles", r.cycles());
            n.put("seconds", round(r.seconds()));
        }
        AtomicFile.writeOrFail(file, out -> {
            JSON.writeValue(out, root);
            out.write('\n');
        });
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    static RegressReport read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new UserError(file + ": not JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + IoErrors.describe(e), e);
        }
        Fields f = new Fields(file);
        if (root == null || !root.isObject()) throw f.bad("the summary must be a JSON object");
        String format = root.path("format").asText("");
        if (!format.equals(RegressReport.FORMAT)) {
            throw f.bad("not a " + RegressReport.FORMAT + " summary (format '" + format + "')");
        }
        long version = f.integer(root, "version");
        if (version > RegressReport.VERSION) {
            throw f.bad("summary version " + version + " is newer than this jdpu reads (" + RegressReport.VERSION + ")");
        }
        if (version < 1) throw f.bad("summary version " + version + " does not exist");
        JsonNode p = f.object(root, "plan");
        List<String> archs = new ArrayList<>();
        for (JsonNode a : f.array(p, "archs", "plan.archs")) archs.add(a.asText());
        RegressPlan plan;
        Shard shard;
        try {
            plan = new RegressPlan(archs, f.integer(p, "seed", "plan.seed"), f.count(p, "layers", "plan.layers"),
                    f.count(p, "networks", "plan.networks"));
        } catch (IllegalArgumentException e) {
            throw f.bad("plan: " + e.getMessage());
        }
        try {
            shard = Shard.parse(f.text(root, "shard"));
        } catch (UserError e) {
            throw f.bad("shard: " + e.getMessage());
        }
        List<RegressCase> cases = plan.cases();
        List<CaseResult> results = new ArrayList<>();
        int i = 0;
        for (JsonNode r : f.array(root, "results", "results")) {
            String at = "results[" + i++ + "]";
            RegressCase c;
            CaseResult.Status status;
            try {
                c = new RegressCase(f.count(r, "index", at + ".index"), RegressCase.Kind.of(f.text(r, "kind", at + ".kind")),
                        f.text(r, "arch", at + ".arch"), f.integer(r, "seed", at + ".seed"), f.bool(r, "stress", at + ".stress"));
                status = CaseResult.Status.of(f.text(r, "status", at + ".status"));
            } catch (IllegalArgumentException e) {
                throw f.bad(at + ": " + e.getMessage());
            }
            if (c.index() >= cases.size() || !cases.get(c.index()).equals(c)) {
                throw f.bad(at + " is " + c + " as case " + c.index() + ", which its plan (" + plan + ") does not have");
            }
            if (!shard.contains(c.index())) throw f.bad(at + " is " + c + ", which is not in shard " + shard);
            results.add(new CaseResult(c, status, r.path("drawn").asText(""), r.path("message").asText(""),
                    r.path("cycles").asLong(0), r.path("seconds").asDouble(0)));
        }
        return new RegressReport(plan, shard, results);
    }

    /** Typed access to the summary's fields, each missing or mistyped one refused by its path. */
    private record Fields(Path file) {
        UserError bad(String why) {
            return new UserError(file + ": " + why);
        }

        JsonNode field(JsonNode n, String name, String path) {
            JsonNode v = n.get(name);
            if (v == null || v.isNull()) throw bad("missing field '" + path + "'");
            return v;
        }

        long integer(JsonNode n, String name) {
            return integer(n, name, name);
        }

        long integer(JsonNode n, String name, String path) {
            JsonNode v = field(n, name, path);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) throw bad("'" + path + "' must be an integer, got " + v);
            return v.asLong();
        }

        /** A count or index: an integer in 0..2^31-1. */
        int count(JsonNode n, String name, String path) {
            long v = integer(n, name, path);
            if (v < 0 || v > Integer.MAX_VALUE) throw bad("'" + path + "' must be in 0.." + Integer.MAX_VALUE + ", got " + v);
            return (int) v;
        }

        String text(JsonNode n, String name) {
            return text(n, name, name);
        }

        String text(JsonNode n, String name, String path) {
            JsonNode v = field(n, name, path);
            if (!v.isTextual()) throw bad("'" + path + "' must be a string, got " + v);
            return v.asText();
        }

        boolean bool(JsonNode n, String name, String path) {
            JsonNode v = field(n, name, path);
            if (!v.isBoolean()) throw bad("'" + path + "' must be true or false, got " + v);
            return v.asBoolean();
        }

        JsonNode object(JsonNode n, String name) {
            JsonNode v = field(n, name, name);
            if (!v.isObject()) throw bad("'" + name + "' must be an object");
            return v;
        }

        JsonNode array(JsonNode n, String name, String path) {
            JsonNode v = field(n, name, path);
            if (!v.isArray()) throw bad("'" + path + "' must be an array");
            return v;
        }
    }
}
