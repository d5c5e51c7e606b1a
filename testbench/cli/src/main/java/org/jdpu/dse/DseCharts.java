package org.jdpu.dse;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The exploration's plots (XChart): Pareto fronts, per-layer utilisation and a roofline; PNG and SVG. */
public final class DseCharts {
    private static final int WIDTH = 900, HEIGHT = 520;

    private DseCharts() {}

    /** Frames/s against one resource: every evaluated candidate, the front, and the chosen one. */
    public static XYChart pareto(List<Outcome.Evaluated> all, String resource, ToDoubleFunction<Outcome.Evaluated> cost,
                                 Outcome.Evaluated chosen) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("frames/s vs " + resource)
                .xAxisTitle(resource).yAxisTitle("frames/s").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        XYSeries s = chart.addSeries("configurations (" + all.size() + ")", xs(all, cost), xs(all, Outcome.Evaluated::framesPerSecond));
        s.setMarkerColor(new Color(150, 150, 170));
        List<Outcome.Evaluated> front = ParetoFront.of(all, cost);
        XYSeries f = chart.addSeries("Pareto front (" + front.size() + ")", xs(front, cost), xs(front, Outcome.Evaluated::framesPerSecond));
        f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        f.setMarker(SeriesMarkers.CIRCLE);
        f.setLineColor(new Color(200, 60, 40));
        f.setMarkerColor(new Color(200, 60, 40));
        if (chosen != null) {
            XYSeries c = chart.addSeries("chosen: " + chosen.candidate().config().name(), new double[]{cost.applyAsDouble(chosen)},
                    new double[]{chosen.framesPerSecond()});
            c.setMarker(SeriesMarkers.DIAMOND);
            c.setMarkerColor(new Color(30, 110, 200));
        }
        return chart;
    }

    /** The chosen configuration's utilisation per layer. */
    public static CategoryChart layers(Outcome.Evaluated chosen) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("utilisation per layer on " + chosen.candidate().config().name())
                .xAxisTitle("layer").yAxisTitle("MAC utilisation").build();
        chart.getStyler().setXAxisLabelRotation(45);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setYAxisMin(0.0);
        for (LayerFigures.Bound b : LayerFigures.Bound.values()) {
            List<String> names = new ArrayList<>();
            List<Double> util = new ArrayList<>();
            for (LayerFigures l : chosen.layers()) {
                names.add(l.name());
                util.add(l.bound() == b ? l.utilization() : 0.0);
            }
            chart.addSeries(b.name().toLowerCase(java.util.Locale.ROOT) + "-bound", names, util);
        }
        chart.getStyler().setStacked(true);
        return chart;
    }

    /**
     * The chosen configuration's roofline: attainable ops/s against operational intensity (ops per
     * DDR byte), the compute roof and the bandwidth slope, and each layer where it ran. The slope is
     * the read and write channels together (each the port's width at the DDR's beat rate), the most
     * a layer whose traffic splits evenly could get.
     */
    public static XYChart roofline(Outcome.Evaluated chosen, double clockMhz) {
        Candidate c = chosen.candidate();
        double peak = c.config().opsPerCycle() * clockMhz * 1e6;
        double bandwidth = 2 * c.axi().dataBytes() / (1 + c.ddr().beatGap() / 16.0) * clockMhz * 1e6;
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("roofline of " + c.config().name())
                .xAxisTitle("ops per DDR byte").yAxisTitle("ops/s").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        // Pools, adds and copies do no MACs: at intensity 0 they have no place on a logarithmic axis.
        List<LayerFigures> layers = chosen.layers().stream().filter(l -> l.span() > 0 && l.bytes() > 0 && l.macs() > 0).toList();
        double lo = 0.5, hi = 4 * peak / bandwidth;
        for (LayerFigures l : layers) {
            lo = Math.min(lo, l.intensity() / 2);
            hi = Math.max(hi, l.intensity() * 2);
        }
        double ridge = peak / bandwidth;
        XYSeries roof = chart.addSeries("roof (read + write channels)", new double[]{lo, ridge, hi}, new double[]{lo * bandwidth, peak, peak});
        roof.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        roof.setMarker(SeriesMarkers.NONE);
        roof.setLineColor(Color.DARK_GRAY);
        if (!layers.isEmpty()) {
            double[] x = layers.stream().mapToDouble(LayerFigures::intensity).toArray();
            double[] y = layers.stream().mapToDouble(l -> 2.0 * l.macs() / l.span() * clockMhz * 1e6).toArray();
            XYSeries s = chart.addSeries("layers (" + layers.size() + ")", x, y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(new Color(200, 60, 40));
        }
        return chart;
    }

    /** PNG bytes of {@code chart}. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code base}.png and {@code base}.svg. */
    public static byte[] write(Chart<?, ?> chart, Path base) throws IOException {
        byte[] png = png(chart);
        Files.write(base.resolveSibling(base.getFileName() + ".png"), png);
        VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return png;
    }

    private static double[] xs(List<Outcome.Evaluated> p, ToDoubleFunction<Outcome.Evaluated> f) {
        return p.stream().mapToDouble(f).toArray();
    }
}
