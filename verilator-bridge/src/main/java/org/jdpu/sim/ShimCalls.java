package org.jdpu.sim;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Calls into the shim's entry points, one typed static method per C signature. The downcall
 * handles take the function's address as first argument, so they are JVM constants shared by
 * every loaded model (which lets the JIT inline the call path) while each model supplies its own
 * function addresses. Each method's {@code invokeExact} matches its handle's type exactly; the
 * handles never throw checked exceptions, so the catch only rethrows what the linker may raise.
 */
final class ShimCalls {
    private ShimCalls() {}

    private static final Linker LINKER = Linker.nativeLinker();

    /** Short, non-blocking calls (one evaluation or a few edges): no thread-state transition. */
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);

    private static final MethodHandle CREATE = LINKER.downcallHandle(FunctionDescriptor.of(ADDRESS,
            ADDRESS, ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle PTR_OF_VOID = LINKER.downcallHandle(FunctionDescriptor.of(ADDRESS));
    private static final MethodHandle PTR_OF_PTR = LINKER.downcallHandle(FunctionDescriptor.of(ADDRESS, ADDRESS));
    private static final MethodHandle VOID_OF_PTR = LINKER.downcallHandle(FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle VOID_OF_PTR3 =
            LINKER.downcallHandle(FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle INT_OF_PTR = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle INT_OF_PTR_CRITICAL =
            LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS), CRITICAL);
    private static final MethodHandle INT_OF_PTR_LONG =
            LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle INT_OF_PTR_LONG_CRITICAL =
            LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), CRITICAL);
    private static final MethodHandle BATCH = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT,
            ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));

    /** {@code void* f(const char*, const char*, int64_t, int64_t, int64_t, int64_t)}: jdpu_create. */
    static MemorySegment create(MemorySegment fn, MemorySegment tracePath, MemorySegment scope,
                                long periodPs, long lowPs, long fromCycle, long toCycle) {
        try {
            return (MemorySegment) CREATE.invokeExact(fn, tracePath, scope, periodPs, lowPs, fromCycle, toCycle);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code const char* f(void)}: jdpu_create_error. */
    static MemorySegment pointer(MemorySegment fn) {
        try {
            return (MemorySegment) PTR_OF_VOID.invokeExact(fn);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code void* f(void*)}: jdpu_cycle_counter, jdpu_error. */
    static MemorySegment pointer(MemorySegment fn, MemorySegment handle) {
        try {
            return (MemorySegment) PTR_OF_PTR.invokeExact(fn, handle);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code void f(void*)}: jdpu_destroy, jdpu_flush. */
    static void run(MemorySegment fn, MemorySegment handle) {
        try {
            VOID_OF_PTR.invokeExact(fn, handle);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code void f(void*, void**, int32_t*)}: jdpu_ports. */
    static void ports(MemorySegment fn, MemorySegment handle, MemorySegment addrs, MemorySegment sizes) {
        try {
            VOID_OF_PTR3.invokeExact(fn, handle, addrs, sizes);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code int32_t f(void*)}: jdpu_finished. */
    static int status(MemorySegment fn, MemorySegment handle) {
        try {
            return (int) INT_OF_PTR.invokeExact(fn, handle);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code int32_t f(void*)} as a critical call: jdpu_eval. */
    static int statusCritical(MemorySegment fn, MemorySegment handle) {
        try {
            return (int) INT_OF_PTR_CRITICAL.invokeExact(fn, handle);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code int32_t f(void*, int64_t)}: many clock edges, which may run long, so the JVM can reach safepoints. */
    static int count(MemorySegment fn, MemorySegment handle, long n) {
        try {
            return (int) INT_OF_PTR_LONG.invokeExact(fn, handle, n);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code int32_t f(void*, int64_t)} as a critical call: a few clock edges. */
    static int countCritical(MemorySegment fn, MemorySegment handle, long n) {
        try {
            return (int) INT_OF_PTR_LONG_CRITICAL.invokeExact(fn, handle, n);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** jdpu_batch; the arguments are those of the C function, in order. */
    static int batch(MemorySegment fn, MemorySegment handle, long n,
                     int nin, MemorySegment inAddr, MemorySegment inSize, MemorySegment inBuf, long inStride,
                     int nout, MemorySegment outAddr, MemorySegment outSize, MemorySegment outBuf, long outStride) {
        try {
            return (int) BATCH.invokeExact(fn, handle, n, nin, inAddr, inSize, inBuf, inStride,
                    nout, outAddr, outSize, outBuf, outStride);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Reads a NUL-terminated C string the shim owns. */
    static String string(MemorySegment cString) {
        if (cString.equals(MemorySegment.NULL)) return "";
        return cString.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
