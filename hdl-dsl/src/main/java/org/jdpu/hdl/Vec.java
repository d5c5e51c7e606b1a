package org.jdpu.hdl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A fixed-size vector of data of one shape. Element i of a vector named {@code x} is named
 * {@code x_i} in Verilog. Vectors of signals can also be read and written with a hardware index.
 */
public final class Vec<T extends Data> extends Data implements Iterable<T> {
    private final List<T> elements;

    Vec(List<T> elements) {
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("a Vec needs at least one element");
        }
        this.elements = List.copyOf(elements);
    }

    public T get(int i) {
        return elements.get(i);
    }

    public int size() {
        return elements.size();
    }

    public List<T> asList() {
        return Collections.unmodifiableList(elements);
    }

    public Stream<T> stream() {
        return elements.stream();
    }

    @Override
    public Iterator<T> iterator() {
        return elements.iterator();
    }

    /** The element at a hardware index (a multiplexer); indexes past the end read the last element. */
    @SuppressWarnings("unchecked")
    public T read(UInt index) {
        List<Signal> leaves = new ArrayList<>();
        for (T e : elements) {
            if (!(e instanceof Signal s)) {
                throw new IllegalStateException("read(index) needs a Vec of signals");
            }
            leaves.add(s);
        }
        return (T) Build.select(index, leaves);
    }

    /** Drives the element at a hardware index with {@code value} (a when per element). */
    public void write(UInt index, Data value) {
        for (int i = 0; i < elements.size(); i++) {
            T e = elements.get(i);
            Hdl.when(index.eq(i), () -> e.assign(value));
        }
    }

    @Override
    void collectLeaves(String prefix, boolean flipped, List<Leaf> out) {
        for (int i = 0; i < elements.size(); i++) {
            elements.get(i).collectLeaves(join(prefix, Integer.toString(i)), flipped, out);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    Data cloneUnbound() {
        List<T> copy = new ArrayList<>(elements.size());
        for (T e : elements) {
            copy.add((T) e.cloneUnbound());
        }
        return new Vec<>(copy);
    }
}
