package org.jdpu.sim;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Downcall handles for the shim's entry points, one per C signature. They take the function's
 * address as first argument, so they are JVM constants shared by every loaded model (which lets
 * the JIT inline the call path) while each model supplies its own function addresses.
 */
final class ShimCalls {
    private ShimCalls() {}

    private static final Linker LINKER = Linker.nativeLinker();

    /** Short, non-blocking calls (one evaluation or a few edges): no thread-state transition. */
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);

    /** int32_t f(void) */
    static final MethodHandle INT_OF_VOID = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT));
    /** void* f(const char*) */
    static final MethodHandle PTR_OF_PTR = LINKER.downcallHandle(FunctionDescriptor.of(ADDRESS, ADDRESS));
    /** const char* f(void) */
    static final MethodHandle PTR_OF_VOID = LINKER.downcallHandle(FunctionDescriptor.of(ADDRESS));
    /** void f(void*) */
    static final MethodHandle VOID_OF_PTR = LINKER.downcallHandle(FunctionDescriptor.ofVoid(ADDRESS));
    /** void f(void*, void**, int32_t*) */
    static final MethodHandle VOID_OF_PTR3 = LINKER.downcallHandle(FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
    /** int32_t f(void*), critical: eval */
    static final MethodHandle INT_OF_PTR_CRITICAL = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS), CRITICAL);
    /** int32_t f(void*): finished */
    static final MethodHandle INT_OF_PTR = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS));
    /** int32_t f(void*, int64_t), critical: a few clock edges */
    static final MethodHandle INT_OF_PTR_LONG_CRITICAL =
            LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), CRITICAL);
    /** int32_t f(void*, int64_t): many clock edges, may run long, so the JVM can reach safepoints */
    static final MethodHandle INT_OF_PTR_LONG = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    /** void* f(void*): the cycle counter's address, the last error */
    static final MethodHandle PTR_OF_HANDLE = LINKER.downcallHandle(FunctionDescriptor.of(ADDRESS, ADDRESS));
    /** jdpu_batch */
    static final MethodHandle BATCH = LINKER.downcallHandle(FunctionDescriptor.of(JAVA_INT,
            ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));

    /** Reads a NUL-terminated C string the shim owns. */
    static String string(MemorySegment cString) {
        if (cString.equals(MemorySegment.NULL)) return "";
        return cString.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
