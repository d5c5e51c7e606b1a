package org.jdpu.hdl.tests;

import org.jdpu.hdl.Design;
import org.jdpu.hdl.HwModule;
import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * User code imports the DSL and its library by wildcard. No public type of those packages may
 * share a name with a {@code java.lang} type (Java imports {@code java.lang.*} implicitly, so the
 * simple name would be ambiguous): checked by reflection, and by compiling, with
 * {@code javax.tools.JavaCompiler} against the built classes, a user-style module that names every
 * public type and extends the module base class; the compiled module is then elaborated.
 */
class WildcardImportTest {
    static final Path CLASSES = Path.of("target", "classes");
    static final List<String> PACKAGES = List.of("org.jdpu.hdl", "org.jdpu.hdl.lib");

    /** Public top-level types of the wildcard-imported packages, by simple name. */
    static List<Class<?>> publicTypes() throws IOException, ClassNotFoundException {
        List<Class<?>> types = new ArrayList<>();
        for (String pkg : PACKAGES) {
            Path dir = CLASSES.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String n = f.getFileName().toString();
                    if (n.endsWith(".class") && !n.contains("$") && !n.equals("package-info.class")) {
                        Class<?> c = Class.forName(pkg + "." + n.substring(0, n.length() - 6));
                        if (Modifier.isPublic(c.getModifiers())) {
                            types.add(c);
                        }
                    }
                }
            }
        }
        return types;
    }

    @Test
    void noPublicTypeSharesItsNameWithJavaLang() throws Exception {
        List<Class<?>> types = publicTypes();
        assertTrue(types.stream().anyMatch(c -> c == HwModule.class), "the scan found the DSL's classes");
        List<String> clashes = new ArrayList<>();
        for (Class<?> c : types) {
            try {
                Class.forName("java.lang." + c.getSimpleName());
                clashes.add(c.getName());
            } catch (ClassNotFoundException expected) {
                // no java.lang type of that name
            }
        }
        assertEquals(List.of(), clashes, "public types whose simple names java.lang already has");
    }

    @Test
    void aUserModuleWithWildcardImportsCompilesAndElaborates() throws Exception {
        StringBuilder every = new StringBuilder();
        for (Class<?> c : publicTypes()) {
            every.append("        ").append(c.getSimpleName()).append(".class,\n");
        }
        String source = """
                package user;

                import org.jdpu.hdl.*;
                import org.jdpu.hdl.lib.*;

                import static org.jdpu.hdl.Hdl.*;

                public final class UserTop extends HwModule {
                    static final Class<?>[] EVERY_PUBLIC_TYPE = {
                %s    };

                    public UserTop() {
                        Stream<UInt> in = input("in", Stream.ofWidth(8));
                        Stream<UInt> out = output("out", Stream.ofWidth(8));
                        Fifo<UInt> fifo = instance("fifo", Fifo.ofWidth(8, 4));
                        fifo.in.assign(in);
                        out.assign(fifo.out);
                        UInt count = output("count", uint(3));
                        count.assign(Counter.upTo("beats", 5, in.fire()).value());
                    }
                }
                """.formatted(every);
        Path out = Files.createTempDirectory("wildcard-import");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///user/UserTop.java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            List<String> options = List.of("-classpath", CLASSES.toString(), "-d", out.toString(), "-Xlint:all",
                    "-Werror");
            boolean ok = javac.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
            if (!ok) {
                StringBuilder b = new StringBuilder();
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    b.append(d.getLineNumber()).append(": ").append(d.getMessage(null)).append('\n');
                }
                fail("the user module does not compile:\n" + b + "\n" + source);
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> top = loader.loadClass("user.UserTop");
            Design d = Design.elaborate(() -> {
                try {
                    return (HwModule) top.getConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            });
            Hw.emit(d, "user_top");
        }
    }
}
