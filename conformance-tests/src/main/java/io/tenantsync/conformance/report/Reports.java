package io.tenantsync.conformance.report;

import io.tenantsync.conformance.run.SuiteResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Writes a run's three reports into one directory: {@code conformance.md}, {@code conformance.json}, {@code conformance-junit.xml}. */
public final class Reports {
    public static final String MARKDOWN = "conformance.md";
    public static final String JSON = "conformance.json";
    public static final String JUNIT = "conformance-junit.xml";

    private Reports() {
    }

    /** Writes the three files (each atomically) and returns their paths. */
    public static List<Path> write(SuiteResult result, Path directory) throws IOException {
        Files.createDirectories(directory);
        return List.of(
                write(directory.resolve(MARKDOWN), MarkdownReport.render(result)),
                write(directory.resolve(JSON), JsonReport.render(result)),
                write(directory.resolve(JUNIT), JUnitXmlReport.render(result)));
    }

    private static Path write(Path file, String text) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(temp, text);
        return Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
