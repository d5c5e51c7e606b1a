package org.jdpu.bench;

import org.jdpu.cases.ModelZoo;
import org.jdpu.spec.Conv2dSpec;
import org.jdpu.spec.NetworkSpec;
import org.jdpu.spec.NetworkWriter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runs of mapped layers between refused ones, on ResNet-50 and YOLOv3-tiny with their conv2d layers mapped. */
class MappedSegmentsTest {
    private static Set<String> convs(List<NetworkWriter.Entry> entries) {
        return entries.stream().filter(e -> e.spec() instanceof Conv2dSpec).map(NetworkWriter.Entry::name)
                .collect(Collectors.toSet());
    }

    @Test
    void aResNetBlockIsOneSegmentReadingTheBlockInputWithBothAddOperandsAsOutputs() {
        List<NetworkWriter.Entry> entries = ModelZoo.RESNET50.layers(64);
        List<MappedSegments.Segment> segments = MappedSegments.of(entries, convs(entries));
        assertEquals(17, segments.size(), "the stem and 16 blocks");
        NetworkSpec block = segments.get(1).spec();
        assertEquals(List.of("layer1.0.conv1", "layer1.0.conv2", "layer1.0.conv3", "layer1.0.downsample"),
                block.layers().stream().map(NetworkSpec.Layer::name).toList());
        assertEquals(List.of(NetworkSpec.INPUT), block.layer("layer1.0.downsample").inputs());
        assertTrue(block.layer("layer1.0.conv3").output());
        assertFalse(block.layer("layer1.0.conv2").output());
        assertEquals(List.of("layer1.1.conv1", "layer1.1.conv2", "layer1.1.conv3"),
                segments.get(2).spec().layers().stream().map(NetworkSpec.Layer::name).toList());
    }

    @Test
    void yoloHeadsBranchInOneSegmentAndThePoolsSplitTheBackbone() {
        List<NetworkWriter.Entry> entries = ModelZoo.YOLOV3_TINY.layers(64);
        List<MappedSegments.Segment> segments = MappedSegments.of(entries, convs(entries));
        assertEquals(8, segments.size());
        NetworkSpec head = segments.get(6).spec();
        assertEquals(List.of("conv6", "conv7", "conv8", "yolo1", "conv9"),
                head.layers().stream().map(NetworkSpec.Layer::name).toList());
        assertTrue(head.layer("yolo1").output(), "read by nobody");
        assertEquals(List.of("conv7"), head.layer("conv9").inputs());
    }
}
