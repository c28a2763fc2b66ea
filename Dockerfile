# Returns Drawer as a container image (docs/deployment.md). The jar is built by the same command as CI's
# (`mvn -B -q -DskipTests package`), then runs on a JRE as a non-root user with the benchmark's JVM options.
# This machine has no Docker: the image build itself is not exercised here, only the steps it repeats are.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY src ./src
COPY frontend-embed ./frontend-embed
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system app \
    && useradd --system --gid app --home-dir /app --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /src/target/returns-drawer-0.1.0.jar /app/returns-drawer.jar
# Class-data-sharing archive for this image's JVM (the build stage's JDK is another JVM): the same training run as
# `package` does (docs/performance.md, "Start-up"), on a throwaway embedded database, which starts and exits.
RUN mkdir /tmp/cds && cd /tmp/cds \
    && env MICRONAUT_ENVIRONMENTS=dev MICRONAUT_SERVER_PORT=-1 SHOPIFY_APP_URL=http://localhost:8080 RETURNS_DRAWER_LOG_LEVEL=WARN \
       java -XX:ArchiveClassesAtExit=/app/returns-drawer.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
       -Dreturns-drawer.cds-training=true -jar /app/returns-drawer.jar \
    && rm -rf /tmp/cds
USER app
# The benchmark's JVM options on two cores (bench/run.sh, docs/performance.md); on four or more cores drop
# -XX:TieredStopAtLevel=1. Size -Xmx to the container's memory limit.
ENV JAVA_OPTS="-XX:+UseParallelGC -Xms256m -Xmx256m -XX:MaxMetaspaceSize=128m -XX:MaxDirectMemorySize=64m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=/app/returns-drawer.jsa"
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${MICRONAUT_SERVER_PORT:-8080}/health" || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/returns-drawer.jar"]
