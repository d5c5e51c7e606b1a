package org.jdpu.dse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.jdpu.io.OutputDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Writes an exploration's results into a directory: {@code dse.csv} (every candidate),
 * {@code dse.json} (the same with the chosen one's layers and the fronts), the plots as PNG and SVG,
 * and {@code report.html}, self-contained (the plots inlined as PNG data).
 */
public final class DseReport {
    /**
     * What the report is about: the network, the device and margin (device null: none), the clock,
     * the resource model's error and which figures are screened and which exact.
     */
    public record Context(String network, Device device, double margin, double clockMhz, String modelSummary, String timing) {}

    private final Context ctx;
    private final List<Outcome> outcomes;
    private final List<Outcome.Evaluated> evaluated;
    private final Outcome.Evaluated chosen;

    public DseReport(Context ctx, List<Outcome> outcomes, Outcome.Evaluated chosen) {
        this.ctx = ctx;
        this.outcomes = outcomes;
        this.evaluated = outcomes.stream().filter(o -> o instanceof Outcome.Evaluated).map(o -> (Outcome.Evaluated) o).toList();
        this.chosen = chosen;
    }

    private static final Map<String, ToDoubleFunction<Outcome.Evaluated>> COSTS = ParetoFront.COSTS;

    /**
     * Writes every file into {@code target}, which appears complete or not at all (staged, then put
     * in place); an existing directory is replaced only when it holds a report.
     */
    public void write(Path target) throws IOException {
        try (OutputDirectory out = OutputDirectory.replacing(target, "report.html")) {
            writeInto(out.staging());
            out.commit();
        }
    }

    private void writeInto(Path dir) throws IOException {
        Files.writeString(dir.resolve("dse.csv"), csv());
        Map<String, byte[]> plots = new LinkedHashMap<>();
        for (var e : COSTS.entrySet()) {
            String name = "pareto-" + e.getKey().toLowerCase(Locale.ROOT);
            plots.put(name, DseCharts.write(DseCharts.pareto(evaluated, e.getKey(), e.getValue(), chosen), dir.resolve(name)));
        }
        if (chosen != null) {
            plots.put("layers", DseCharts.write(DseCharts.layers(chosen), dir.resolve("layers")));
            plots.put("roofline", DseCharts.write(DseCharts.roofline(chosen, ctx.clockMhz()), dir.resolve("roofline")));
        }
        Files.writeString(dir.resolve("dse.json"), json());
        Files.writeString(dir.resolve("report.html"), html(plots));
    }

    String csv() {
        StringBuilder s = new StringBuilder("candidate,arch,pp,icp,ocp,act_depth,wgt_depth,pack,dsp2x,axi_bits,ddr_read_latency,ddr_beat_gap16,"
                + "status,cycles,frames_per_s,utilization,luts,ffs,dsps,bram36,fits_device,reason\n");
        for (Outcome o : outcomes) {
            var c = o.candidate();
            var k = c.config();
            s.append(String.join(",", quote(c.label()), quote(k.name()), str(k.pp()), str(k.icp()), str(k.ocp()), str(k.actBankDepth()),
                    str(k.weightBankDepth()), Boolean.toString(k.dspPacking()), Boolean.toString(k.doubleRate()),
                    str(c.axi().dataBits()), str(c.ddr().readLatency()), str(c.ddr().beatGap())));
            switch (o) {
                case Outcome.Evaluated e -> s.append(String.format(Locale.ROOT, ",%s,%d,%.3f,%.4f,%d,%d,%d,%s,%s,", e.status(), e.cycles(),
                        e.framesPerSecond(), e.utilization(), e.resources().luts(), e.resources().ffs(), e.resources().dsps(),
                        SynthFormat.bram(e.resources().bram36()), ctx.device() == null ? "" : ctx.device().fits(e.resources(), ctx.margin())));
                case Outcome.Refused r -> s.append(",refused,,,,,,,,,").append(quote(r.reason()));
            }
            s.append('\n');
        }
        return s.toString();
    }

    String json() throws IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("network", ctx.network());
        root.put("device", ctx.device() == null ? null : ctx.device().name());
        root.put("margin", ctx.margin());
        root.put("clockMhz", ctx.clockMhz());
        root.put("resourceModel", ctx.modelSummary());
        root.put("timing", ctx.timing());
        root.put("evaluated", evaluated.size());
        root.put("refused", outcomes.size() - evaluated.size());
        if (chosen != null) {
            ObjectNode c = root.putObject("chosen");
            point(c, chosen);
            ArrayNode layers = c.putArray("layers");
            for (LayerFigures l : chosen.layers()) layers.addPOJO(l);
            c.put("generate", chosen.candidate().generateCommand());
            c.put("synth", chosen.candidate().synthCommand());
        }
        ObjectNode fronts = root.putObject("pareto");
        for (var e : COSTS.entrySet()) {
            ArrayNode a = fronts.putArray(e.getKey());
            for (Outcome.Evaluated p : ParetoFront.of(evaluated, e.getValue())) point(a.addObject(), p);
        }
        ArrayNode all = root.putArray("candidates");
        for (Outcome o : outcomes) {
            ObjectNode n = all.addObject();
            switch (o) {
                case Outcome.Evaluated e -> point(n, e);
                case Outcome.Refused r -> n.put("candidate", r.candidate().label()).put("arch", r.candidate().config().name())
                        .put("refused", r.reason());
            }
        }
        return m.writeValueAsString(root);
    }

    private static void point(ObjectNode n, Outcome.Evaluated e) {
        n.put("candidate", e.candidate().label()).put("arch", e.candidate().config().name())
                .put("axiBits", e.candidate().axi().dataBits()).put("ddrReadLatency", e.candidate().ddr().readLatency())
                .put("ddrBeatGap16", e.candidate().ddr().beatGap()).put("cycles", e.cycles())
                .put("framesPerSecond", e.framesPerSecond()).put("utilization", e.utilization())
                .put("luts", e.resources().luts()).put("ffs", e.resources().ffs()).put("dsps", e.resources().dsps())
                .put("bram36", e.resources().bram36()).put("timing", e.exact() ? "exact" : "screened");
    }

    String html(Map<String, byte[]> plots) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>jdpu design-space exploration</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1000px}table{border-collapse:collapse;font-size:13px}"
                        + "td,th{border:1px solid #bbb;padding:2px 6px;text-align:right}th{background:#eee}img{max-width:100%}"
                        + "pre{background:#f4f4f4;padding:8px}</style></head><body>\n");
        h.append("<h1>Design-space exploration</h1>\n<p>Network: <code>").append(esc(ctx.network())).append("</code>; ")
                .append(evaluated.size()).append(" configurations evaluated, ").append(outcomes.size() - evaluated.size())
                .append(" refused by the compiler; cycle model at ").append(fmt("%.0f", ctx.clockMhz())).append(" MHz")
                .append(ctx.device() == null ? "" : "; device " + esc(ctx.device().label()) + " at " + fmt("%.0f", 100 * ctx.margin()) + "% of each resource")
                .append(".</p>\n<p>Timing: ").append(esc(ctx.timing()))
                .append(". Screened figures come from the analytic screen (per layer: compute cycles, DDR bytes at the port's rate "
                        + "and latency, overlapped as the engine does); exact ones from the whole-program cycle model.</p>\n<p>Resource model: ").append(esc(ctx.modelSummary())).append(".</p>\n");
        if (chosen != null) {
            Candidate c = chosen.candidate();
            h.append("<h2>Chosen configuration: ").append(esc(c.label())).append("</h2>\n<p>")
                    .append(fmt("%,.1f", chosen.framesPerSecond())).append(" frames/s (").append(fmt("%,d", chosen.cycles()))
                    .append(" cycles), MAC utilisation ").append(fmt("%.3f", chosen.utilization())).append("; ")
                    .append(resources(chosen.resources())).append(".</p>\n<pre>").append(esc(c.generateCommand())).append('\n')
                    .append(esc(c.synthCommand())).append("</pre>\n");
            h.append("<h3>Layers</h3>\n<table><tr><th>layer</th><th>MACs</th><th>DDR bytes</th><th>cycles</th><th>compute</th>"
                    + "<th>memory</th><th>utilisation</th><th>bound</th></tr>\n");
            for (LayerFigures l : chosen.layers()) {
                h.append("<tr><td style=\"text-align:left\">").append(esc(l.name())).append("</td><td>").append(fmt("%,d", l.macs()))
                        .append("</td><td>").append(fmt("%,d", l.bytes())).append("</td><td>").append(fmt("%,d", l.span()))
                        .append("</td><td>").append(fmt("%,d", l.computeCycles())).append("</td><td>").append(fmt("%,d", l.memoryCycles()))
                        .append("</td><td>").append(fmt("%.3f", l.utilization())).append("</td><td>")
                        .append(l.bound().name().toLowerCase(Locale.ROOT)).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        for (var p : plots.entrySet()) {
            h.append("<h2>").append(esc(p.getKey())).append("</h2>\n<img class=\"plot\" id=\"plot-").append(esc(p.getKey()))
                    .append("\" alt=\"").append(esc(p.getKey())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(p.getValue())).append("\">\n");
        }
        for (var e : COSTS.entrySet()) {
            h.append("<h3>Pareto front: frames/s vs ").append(e.getKey()).append("</h3>\n");
            table(h, ParetoFront.of(evaluated, e.getValue()));
        }
        List<Outcome.Refused> refused = outcomes.stream().filter(o -> o instanceof Outcome.Refused).map(o -> (Outcome.Refused) o).toList();
        if (!refused.isEmpty()) {
            h.append("<h2>Refused by the compiler</h2>\n<table><tr><th>candidate</th><th>reason</th></tr>\n");
            for (Outcome.Refused r : refused) {
                h.append("<tr><td style=\"text-align:left\">").append(esc(r.candidate().label())).append("</td><td style=\"text-align:left\">")
                        .append(esc(r.reason())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        // Marks the body with how many plots decoded, for a headless browser's check of the page.
        h.append("<script>window.addEventListener('load',function(){var n=0;document.querySelectorAll('img.plot')"
                + ".forEach(function(i){if(i.complete&&i.naturalWidth>0)n++;});document.body.setAttribute('data-plots-loaded',n);});"
                + "</script>\n");
        return h.append("</body></html>\n").toString();
    }

    private void table(StringBuilder h, List<Outcome.Evaluated> rows) {
        h.append("<table><tr><th>candidate</th><th>frames/s</th><th>util</th><th>LUT</th><th>FF</th><th>DSP</th><th>BRAM36</th><th>timing</th>")
                .append(ctx.device() == null ? "" : "<th>fits</th>").append("</tr>\n");
        for (Outcome.Evaluated e : rows) {
            h.append("<tr><td style=\"text-align:left\">").append(esc(e.candidate().label())).append("</td><td>")
                    .append(fmt("%,.1f", e.framesPerSecond())).append("</td><td>").append(fmt("%.3f", e.utilization()))
                    .append("</td><td>").append(e.resources().luts()).append("</td><td>").append(e.resources().ffs())
                    .append("</td><td>").append(e.resources().dsps()).append("</td><td>").append(SynthFormat.bram(e.resources().bram36()))
                    .append("</td><td>").append(e.exact() ? "exact" : "screened").append("</td>").append(ctx.device() == null ? "" : "<td>" + (ctx.device().fits(e.resources(), ctx.margin()) ? "yes" : "no") + "</td>")
                    .append("</tr>\n");
        }
        h.append("</table>\n");
    }

    static String resources(ResourceEstimate r) {
        return String.format(Locale.ROOT, "%,d LUT, %,d FF, %d DSP, %s BRAM36", r.luts(), r.ffs(), r.dsps(), SynthFormat.bram(r.bram36()));
    }

    private static String fmt(String f, Object... a) {
        return String.format(Locale.ROOT, f, a);
    }

    private static String str(int v) {
        return Integer.toString(v);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
