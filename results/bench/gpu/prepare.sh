#!/usr/bin/env bash
# Builds, on this machine, what results/bench/gpu/device.sh needs on a CUDA machine that has no
# Java and no network, into .devkit/ (in .gitignore; the device tool carries it): a jlinked JRE,
# the tasks jar and the few runtime jars a training step needs (no libtorch: the GPU machine's
# own is used), GpuProbe compiled against them, and the official ReSTE code's model/ and utils/ folders.
# Usage: results/bench/gpu/prepare.sh /path/to/ReSTE-checkout
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
official="${1:?usage: prepare.sh /path/to/DravenALG-ReSTE-checkout}"
kit="$root/.devkit"
rm -rf "$kit" && mkdir -p "$kit/lib" "$kit/classes" "$kit/official"
(cd "$root" && mvn -B -ntp -q -pl tasks install -DskipTests \
   && mvn -B -ntp -q -pl tasks dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$kit/cp.txt")
# The tasks jar's gs:// support (google-cloud-storage and its gRPC stack) is left out: the probe reads local files.
tr ':' '\n' < "$kit/cp.txt" | grep -E '/(api|pytorch-engine|pytorch-jni|jna|slf4j-api|slf4j-simple|gson|jackson-[a-z]+|protobuf-java|commons-compress|commons-lang3)-[0-9][^/]*\.jar$' \
  | xargs -I{} cp {} "$kit/lib/"
cp "$root"/tasks/target/reste-tasks-*-SNAPSHOT.jar "$kit/lib/"
rm -f "$kit"/lib/*-tests.jar
javac -d "$kit/classes" --add-modules jdk.incubator.vector -cp "$kit/lib/*" "$root/results/bench/gpu/GpuProbe.java" 2>&1 | grep -v incubat || true
jlink --add-modules java.base,java.logging,java.management,java.xml,jdk.unsupported,jdk.incubator.vector,jdk.crypto.ec \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$kit/jre"
# libjvm.so ships with its symbol table (24 MB); without it the kit fits the device tool's 64 MiB.
strip --strip-unneeded "$kit"/jre/lib/server/libjvm.so
cp -r "$official/model" "$official/utils" "$kit/official/"
# Only the JNI builds for linux-x86_64 stay in the jni jar (the others are 2.7 MB of no use there).
(cd "$kit" && zip -q -d lib/pytorch-jni-*.jar 'jnilib/linux-aarch64/*' 'jnilib/osx-aarch64/*' 'jnilib/win-x86_64/*')
du -sh "$kit" "$kit"/*
