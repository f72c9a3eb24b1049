#!/usr/bin/env bash
# Writes the Flex Template spec (a JSON file in Cloud Storage naming the launcher image and the
# parameters of infra/metadata.json) that launch.sh and the nightly Cloud Scheduler job start.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<'USAGE'
Usage: infra/build-template.sh [--tag TAG] [--dry-run] [--help]

Writes two copies of the spec for $RESTE_IMAGE_REPO/launcher:TAG (built by infra/build-image.sh):
  $RESTE_TEMPLATE               the one launch.sh and the nightly schedule start
  ${RESTE_TEMPLATE%.json}-TAG.json  kept, to launch this exact build again later

  --tag TAG   launcher image tag (default: the commit, as build-image.sh names it)
  --dry-run   print the commands instead of running them

Environment (terraform -chdir=terraform output -raw shell_env prints them):
  RESTE_PROJECT, RESTE_REGION, RESTE_IMAGE_REPO, RESTE_TEMPLATE (gs://.../reste.json)
Needs: gcloud (with the Dataflow API enabled), git.
USAGE
}

tag=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) [ $# -ge 2 ] || die "--tag needs a value"; tag="$2"; shift 2 ;;
    --tag=*) tag="${1#--tag=}"; shift ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

need_env RESTE_PROJECT RESTE_REGION RESTE_IMAGE_REPO RESTE_TEMPLATE
need_gs RESTE_TEMPLATE
case "$RESTE_TEMPLATE" in *.json) ;; *) die "RESTE_TEMPLATE must end in .json, got '$RESTE_TEMPLATE'" ;; esac
need_cmd gcloud "build the Flex Template spec"
[ -n "$tag" ] || tag="$(commit_tag)"

launcher="$RESTE_IMAGE_REPO/launcher:$tag"
tagged="${RESTE_TEMPLATE%.json}-$tag.json"
run gcloud dataflow flex-template build "$tagged" --project "$RESTE_PROJECT" \
  --image "$launcher" --sdk-language JAVA --metadata-file "$RESTE_ROOT/infra/metadata.json"
run gcloud storage cp "$tagged" "$RESTE_TEMPLATE" --project "$RESTE_PROJECT"
echo "template: $RESTE_TEMPLATE (same as $tagged)"
