package org.jdpu.hdl.pass;

import java.util.Set;

/**
 * Identifiers an emitted name must avoid: Verilog-2005 and SystemVerilog keywords (Verilator,
 * Yosys and Vivado may parse .v files as SystemVerilog) and C++ words Verilator warns about
 * (SYMRSVDWORD) because it turns names into C++ identifiers.
 */
public final class Keywords {
    private Keywords() {}

    static final Set<String> RESERVED = Set.of(
            // Verilog-2005
            "always", "and", "assign", "automatic", "begin", "buf", "bufif0", "bufif1", "case", "casex", "casez",
            "cell", "cmos", "config", "deassign", "default", "defparam", "design", "disable", "edge", "else",
            "end", "endcase", "endconfig", "endfunction", "endgenerate", "endmodule", "endprimitive",
            "endspecify", "endtable", "endtask", "event", "for", "force", "forever", "fork", "function",
            "generate", "genvar", "highz0", "highz1", "if", "ifnone", "incdir", "include", "initial", "inout",
            "input", "instance", "integer", "join", "large", "liblist", "library", "localparam", "macromodule",
            "medium", "module", "nand", "negedge", "nmos", "nor", "noshowcancelled", "not", "notif0", "notif1",
            "or", "output", "parameter", "pmos", "posedge", "primitive", "pull0", "pull1", "pulldown", "pullup",
            "pulsestyle_ondetect", "pulsestyle_onevent", "rcmos", "real", "realtime", "reg", "release", "repeat",
            "rnmos", "rpmos", "rtran", "rtranif0", "rtranif1", "scalared", "showcancelled", "signed", "small",
            "specify", "specparam", "strong0", "strong1", "supply0", "supply1", "table", "task", "time", "tran",
            "tranif0", "tranif1", "tri", "tri0", "tri1", "triand", "trior", "trireg", "unsigned", "use", "uwire",
            "vectored", "wait", "wand", "weak0", "weak1", "while", "wire", "wor", "xnor", "xor",
            // SystemVerilog
            "accept_on", "alias", "always_comb", "always_ff", "always_latch", "assert", "assume", "before", "bind",
            "bins", "binsof", "bit", "break", "byte", "chandle", "checker", "class", "clocking", "const",
            "constraint", "context", "continue", "cover", "covergroup", "coverpoint", "cross", "dist", "do",
            "endchecker", "endclass", "endclocking", "endgroup", "endinterface", "endpackage", "endprogram",
            "endproperty", "endsequence", "enum", "eventually", "expect", "export", "extends", "extern", "final",
            "first_match", "foreach", "forkjoin", "global", "iff", "ignore_bins", "illegal_bins", "implements",
            "implies", "import", "inside", "int", "interconnect", "interface", "intersect", "join_any",
            "join_none", "let", "local", "logic", "longint", "matches", "modport", "nettype", "new", "nexttime",
            "null", "package", "packed", "priority", "program", "property", "protected", "pure", "rand", "randc",
            "randcase", "randsequence", "ref", "reject_on", "restrict", "return", "s_always", "s_eventually",
            "s_nexttime", "s_until", "s_until_with", "sequence", "shortint", "shortreal", "soft", "solve",
            "static", "string", "strong", "struct", "super", "sync_accept_on", "sync_reject_on", "tagged", "this",
            "throughout", "timeprecision", "timeunit", "type", "typedef", "union", "unique", "unique0", "until",
            "until_with", "untyped", "var", "virtual", "void", "wait_order", "weak", "wildcard", "with", "within",
            // C++ (Verilator SYMRSVDWORD)
            "alignas", "alignof", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "catch", "char", "char8_t",
            "char16_t", "char32_t", "compl", "concept", "consteval", "constexpr", "constinit", "const_cast",
            "co_await", "co_return", "co_yield", "decltype", "delete", "double", "dynamic_cast", "explicit",
            "false", "float", "friend", "goto", "inline", "long", "mutable", "namespace", "noexcept", "not_eq",
            "nullptr", "operator", "or_eq", "private", "public", "register", "reinterpret_cast", "requires",
            "short", "sizeof", "static_assert", "static_cast", "switch", "template", "thread_local", "throw",
            "true", "try", "typeid", "typename", "using", "volatile", "wchar_t", "xor_eq", "main", "std",
            "errno", "stdin", "stdout", "stderr", "NULL", "EOF");

    /** A name that is a valid Verilog simple identifier and no reserved word. */
    public static boolean isLegal(String name) {
        if (name == null || name.isEmpty() || RESERVED.contains(name) || name.contains("__")) {
            return false;
        }
        char c0 = name.charAt(0);
        if (!(Character.isLetter(c0) && c0 < 128)) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
                return false;
            }
        }
        return true;
    }

    /** The closest legal name: invalid characters become '_', reserved words get a '_v' suffix. */
    public static String sanitize(String name) {
        StringBuilder b = new StringBuilder(name.length() + 2);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
            char out = ok ? c : '_';
            if (out == '_' && b.length() > 0 && b.charAt(b.length() - 1) == '_') {
                continue;
            }
            b.append(out);
        }
        while (b.length() > 1 && b.charAt(b.length() - 1) == '_') {
            b.setLength(b.length() - 1);
        }
        if (b.isEmpty() || !Character.isLetter(b.charAt(0))) {
            b.insert(0, 'n');
        }
        String s = b.toString();
        return RESERVED.contains(s) ? s + "_v" : s;
    }
}
