package com.returnsdrawer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Dockerfile cannot be built on these machines (no Docker), so it is held to the steps CI proves: the same
 * package command as .ci/run, the jar that command makes, the benchmark's JVM options, a non-root user, a health check.
 */
class DeploymentFilesTest {

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file));
    }

    private static String first(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex);
        return m.group(1);
    }

    @Test
    void dockerfileBuildsAsCiDoesAndRunsAsTheBenchmarkDoes() throws IOException {
        String docker = read("Dockerfile");
        String ci = read(".ci/run");
        assertTrue(ci.contains("mvn -B -q -DskipTests package"), "CI's package command");
        assertTrue(docker.contains("RUN mvn -B -q -DskipTests package\n"), docker);

        String pom = read("pom.xml");
        String jar = first("<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>", pom.substring(pom.indexOf("</parent>")))
                + "-" + first("</parent>[\\s\\S]*?<version>([^<]+)</version>", pom) + ".jar";
        assertTrue(docker.contains("COPY --from=build /src/target/" + jar + " /app/returns-drawer.jar"), jar);

        String benchOptions = first("JAVA_OPTS=\\$\\{JAVA_OPTS:-([^}]+)}", read("bench/run.sh"));
        assertEquals(benchOptions + " -XX:SharedArchiveFile=/app/returns-drawer.jsa", first("ENV JAVA_OPTS=\"([^\"]+)\"", docker));
        // The CDS training run repeats the pom's (same system property, embedded database, port -1).
        assertTrue(pom.contains("-Dreturns-drawer.cds-training=true") && docker.contains("-Dreturns-drawer.cds-training=true"));

        assertTrue(docker.contains("FROM eclipse-temurin:17-jre"), "a JRE base image");
        assertTrue(docker.contains("\nUSER app\n"), "runs as the non-root user app");
        assertTrue(docker.contains("HEALTHCHECK") && docker.contains("/health"), "health check on /health");
        assertTrue(read(".dockerignore").contains(".env*"), "no local secrets in the build context");
    }

    @Test
    void theDeploymentGuideSaysTheImageBuildIsNotExercisedHere() throws IOException {
        String guide = read("docs/deployment.md");
        assertTrue(guide.contains("the image build is not exercised here"), guide);
        for (String topic : new String[]{"## Environment", "## MySQL", "## Several instances behind a load balancer", "## Rotating secrets"}) {
            assertTrue(guide.contains(topic), topic);
        }
    }
}
