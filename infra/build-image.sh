#!/usr/bin/env bash
# Builds the product jar, the Dataflow worker image (infra/Dockerfile) and the Flex Template
# launcher image (infra/Dockerfile.launcher), and pushes both to Artifact Registry.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<'USAGE'
Usage: infra/build-image.sh [--tag TAG] [--no-push] [--dry-run] [--help]

Builds pipelines/target/reste.jar (mvn install -DskipTests), then from the repository root:
  $RESTE_IMAGE_REPO/worker:TAG    the worker image: Beam Java 17 harness, CUDA 12.8, libtorch 2.7.1+cu128
  $RESTE_IMAGE_REPO/launcher:TAG  the Flex Template launcher, pointing at worker:TAG
and pushes both (gcloud auth configure-docker for the registry's host first).

  --tag TAG   image tag (default: the commit, 12 hex digits; refused with uncommitted changes)
  --no-push   build only
  --dry-run   print the commands instead of running them

Environment:
  RESTE_IMAGE_REPO  Artifact Registry repository, e.g. europe-west4-docker.pkg.dev/my-project/reste
                    (terraform output image_repository)
Needs: mvn, docker (with BuildKit), gcloud (to push), git.
USAGE
}

tag=""
push=1
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) [ $# -ge 2 ] || die "--tag needs a value"; tag="$2"; shift 2 ;;
    --tag=*) tag="${1#--tag=}"; shift ;;
    --no-push) push=0; shift ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

need_env RESTE_IMAGE_REPO
need_cmd git "name the image after the commit"
need_cmd mvn "build pipelines/target/reste.jar"
need_cmd docker "build the images"
[ "$push" = 0 ] || need_cmd gcloud "authenticate docker to Artifact Registry"
[ -n "$tag" ] || tag="$(commit_tag)"

worker="$RESTE_IMAGE_REPO/worker:$tag"
launcher="$RESTE_IMAGE_REPO/launcher:$tag"
cd "$RESTE_ROOT"
run mvn -B -ntp -q install -DskipTests
run env DOCKER_BUILDKIT=1 docker build -f infra/Dockerfile --build-arg "RESTE_COMMIT=$tag" -t "$worker" .
run env DOCKER_BUILDKIT=1 docker build -f infra/Dockerfile.launcher --build-arg "RESTE_COMMIT=$tag" \
  --build-arg "WORKER_IMAGE=$worker" -t "$launcher" .
if [ "$push" = 1 ]; then
  run gcloud auth configure-docker "${RESTE_IMAGE_REPO%%/*}" --quiet
  run docker push "$worker"
  run docker push "$launcher"
fi
echo "worker image:   $worker"
echo "launcher image: $launcher"
