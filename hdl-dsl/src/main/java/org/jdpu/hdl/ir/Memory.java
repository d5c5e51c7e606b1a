package org.jdpu.hdl.ir;

/**
 * A synchronous RAM: {@code depth} words of type {@code word}, written in {@code lanes} equal
 * lanes when a write mask is given. {@code initFile} is a $readmemh file or null.
 */
public record Memory(String name, Ty word, int depth, int lanes, String initFile, ClockDomain domain,
                     SourceLoc loc) {

    public int addrWidth() {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(depth - 1));
    }

    public int laneWidth() {
        return word.width() / lanes;
    }
}
