package com.returnsdrawer.extension;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The customer account UI extension: its own tests (both targets rendered with a fake extension API and a stubbed
 * backend) pass, and Shopify's CLI builds the whole app offline with the extension's bundle under 64 KB.
 */
class CustomerAccountExtensionTest {

    private static final Path FRONTEND = Path.of("frontend-embed");

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(FRONTEND.toFile()).redirectErrorStream(true).start();
        // Read while the process runs so a chatty command never blocks on a full pipe.
        byte[][] output = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                output[0] = process.getInputStream().readAllBytes();
            } catch (IOException e) {
                output[0] = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        reader.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join(5_000);
            throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
        }
        reader.join();
        return new Result(process.exitValue(), new String(output[0], StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void installWhenTheLockfileChanged() throws Exception {
        Path installed = FRONTEND.resolve("node_modules/.package-lock.json");
        Path lock = FRONTEND.resolve("package-lock.json");
        if (!Files.exists(installed) || !Files.exists(FRONTEND.resolve("node_modules/node/bin/node"))
                || Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) < 0) {
            Result ci = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 600);
            assertEquals(0, ci.exit(), "npm ci\n" + ci.output());
        }
    }

    @Test
    void extensionTestsPass() throws Exception {
        Result test = run(List.of("npm", "test"), 300);
        assertEquals(0, test.exit(), "npm test\n" + test.output());
        assertTrue(test.output().contains("ℹ fail 0"), test.output());
        Matcher passed = Pattern.compile("ℹ pass (\\d+)").matcher(test.output());
        assertTrue(passed.find() && Integer.parseInt(passed.group(1)) >= 15, test.output());
    }

    @Test
    void shopifyCliBuildsTheAppAndTheBundleStaysUnder64Kb() throws Exception {
        Result build = run(List.of("npm", "run", "build"), 600);
        assertEquals(0, build.exit(), "shopify app build\n" + build.output());
        Matcher size = Pattern.compile("returns-account bundle: (\\d+) bytes").matcher(build.output());
        assertTrue(size.find(), build.output());
        assertTrue(Long.parseLong(size.group(1)) <= 64 * 1024, build.output());
    }
}
