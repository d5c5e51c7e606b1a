package org.jdpu.arch;

/**
 * A layer the engine cannot run (yet): an operator or mode it has no hardware for, or a shape
 * beyond its counters and buffers. The message says what and why; the command line reports it
 * as "not supported by the engine yet".
 */
public final class UnsupportedByEngineException extends RuntimeException {
    public UnsupportedByEngineException(String message) {
        super(message);
    }
}
