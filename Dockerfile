# syntax=docker/dockerfile:1
# Ragwell: build with the Maven wrapper on a JDK, run the layered jar on a JRE as a non-root user.
#   docker build -t ragwell .
#   docker run -p 8080:8080 -v ragwell-index:/data/index -v ragwell-settings:/data/index-settings \
#     -v ragwell-feedback:/data/feedback -v ragwell-jobs:/data/jobs ragwell

# --- build ---------------------------------------------------------------------------------------------------
FROM eclipse-temurin:25-jdk AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
# The cache mount keeps ~/.m2 (the ONNX models and Lucene are ~200 MB of it) between builds.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B package -DskipTests
# One directory per layer, least likely to change first. Without Boot's launcher: the layers hold ragwell.jar, whose
# manifest puts lib/*.jar on the class path, so the JDK's own class loader loads every class and the AOT cache
# below can cover them (it ignores classes from other class loaders, such as the launcher's nested jars).
RUN java -Djarmode=tools -jar target/ragwell.jar extract --layers --destination extracted

# --- runtime -------------------------------------------------------------------------------------------------
FROM eclipse-temurin:25-jre
# A fixed numeric UID, so Kubernetes' runAsNonRoot can verify it. The home directory matters: the tokenizer
# library unpacks its native code under ~/.djl.ai at start.
# Tesseract reads the text of uploaded images (optional: without it images get 422, other files still ingest).
RUN apt-get update \
	&& apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng \
	&& rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 ragwell \
	&& useradd --system --uid 10001 --gid ragwell --create-home --home-dir /home/ragwell ragwell \
	&& mkdir -p /data/index /data/index-settings /data/feedback /data/assets /data/jobs \
	&& chown -R ragwell:ragwell /data
WORKDIR /app
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./

# JDK 25 AOT cache (classes loaded and linked, method profiles), trained on this image's JRE and jar paths: start
# the service, load the model, serve a few requests, stop (deploy/aot-cache.sh; docs/PERFORMANCE.md, "Startup").
# The training index lives in a temporary directory that is deleted; the tokenizer's unpacked native code too.
RUN --mount=type=bind,source=deploy/aot-cache.sh,target=/tmp/aot-cache.sh \
	bash /tmp/aot-cache.sh /app/ragwell.jar /app/ragwell.aot && rm -rf /root/.djl.ai

# The embedded Lucene index (ragwell.store.lucene.path); unused when RAGWELL_STORE_TYPE names a remote store.
ENV RAGWELL_STORE_LUCENE_PATH=/data/index
VOLUME /data/index
# Each namespace's tuned retrieval settings (POST /tuning), in files beside the index (<index>-settings); on
# OpenSearch they are documents in the cluster instead.
VOLUME /data/index-settings
# The rotated feedback log (ragwell.feedback.path), on its own volume: it is kept whichever store is used, and
# a burst of feedback cannot fill the index's disk.
ENV RAGWELL_FEEDBACK_PATH=/data/feedback/feedback.jsonl
# The log of answered questions feedback is joined to (ragwell.query-log.path): beside the feedback, for the same
# reasons.
ENV RAGWELL_QUERYLOG_PATH=/data/feedback/query-log
VOLUME /data/feedback
# The background job spool (ragwell.jobs.path): accepted async jobs wait here, so it must outlive the container.
ENV RAGWELL_JOBS_PATH=/data/jobs
VOLUME /data/jobs
# The images documents were read from (ragwell.assets.path), served at /documents/{id}/assets/{n}.
ENV RAGWELL_ASSETS_PATH=/data/assets
VOLUME /data/assets

# Structured JSON logs in the container, terminal or not (outside it a terminal gets readable lines).
ENV RAGWELL_LOG_FORMAT=ecs

USER 10001:10001
EXPOSE 8080

# The image has no curl or wget (eclipse-temurin 25 dropped them), so bash asks over /dev/tcp. Readiness, not
# liveness: a replica that cannot reach its store or embedder should leave the load balancer.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
	CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} && printf 'GET /actuator/health/readiness HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# Lucene's SIMD vector search needs the incubator module (about 2.7x faster search); ONNX Runtime's JNI library
# needs native access (without it the JVM warns at every start); the AOT cache was trained with the same flags and
# jar path (a mismatch only costs the head start, with a warning). Extra JVM flags go in
# JAVA_TOOL_OPTIONS; exec form keeps java as PID 1 so it receives SIGTERM and shuts down gracefully.
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=75", "-XX:AOTCache=/app/ragwell.aot", "-jar", "/app/ragwell.jar"]
