#!/usr/bin/env bash
# Starts one reproduction on Dataflow from the Flex Template spec: the same DAG as
# ./reste reproduce, with GPU workers.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<'USAGE'
Usage: infra/launch.sh [--profile nightly] [--tables all] [--baseline FILE] [--data gs://...] [--out gs://...]
                       [--gpu-type nvidia-l4] [--max-workers 4] [--job-name NAME] [--dry-run] [--help]

  --profile P       smoke, nightly or paper (default: nightly)
  --tables T        all, nightly, or a comma list of 1,2,3,equilibrium,nightly (default: all)
  --baseline FILE   nightly gate: configs/baselines/NAME.yaml (in the image); a regression fails the job
  --data D          CIFAR-10 in Cloud Storage (default: $RESTE_DATA/cifar10; "sample" = the image's sample)
  --out O           results prefix (default: $RESTE_RESULTS/PROFILE)
  --gpu-type G      GPU of every worker (default: nvidia-l4; "none" for CPU workers)
  --max-workers N   workers at most, so runs trained at once (default: 4)
  --job-name NAME   Dataflow job name (default: reste-PROFILE-<UTC time>)
  --dry-run         print the gcloud command instead of running it

Environment (terraform -chdir=terraform output -raw shell_env prints them):
  RESTE_PROJECT, RESTE_REGION, RESTE_TEMPLATE, RESTE_TEMP, RESTE_RESULTS, RESTE_DATA, RESTE_WORKER_SA
Needs: gcloud. Watch the job: gcloud dataflow jobs list --region "$RESTE_REGION" --status active
USAGE
}

profile=nightly
tables=all
baseline=""
data=""
out=""
gpu=nvidia-l4
max_workers=4
job=""
while [ $# -gt 0 ]; do
  case "$1" in
    --profile|--tables|--baseline|--data|--out|--gpu-type|--max-workers|--job-name)
      [ $# -ge 2 ] || die "$1 needs a value"
      case "$1" in
        --profile) profile="$2" ;; --tables) tables="$2" ;; --baseline) baseline="$2" ;;
        --data) data="$2" ;; --out) out="$2" ;;
        --gpu-type) gpu="$2" ;; --max-workers) max_workers="$2" ;; --job-name) job="$2" ;;
      esac
      shift 2 ;;
    --dry-run) DRY_RUN=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

need_env RESTE_PROJECT RESTE_REGION RESTE_TEMPLATE RESTE_TEMP RESTE_RESULTS RESTE_DATA RESTE_WORKER_SA
for name in RESTE_TEMPLATE RESTE_TEMP RESTE_RESULTS RESTE_DATA; do need_gs "$name"; done
case "$max_workers" in ''|*[!0-9]*|0) die "--max-workers must be a whole number >= 1, got '$max_workers'" ;; esac
need_cmd gcloud "launch the Flex Template"

[ -n "$data" ] || data="$RESTE_DATA/cifar10"
[ -n "$out" ] || out="$RESTE_RESULTS/$profile"
[ -n "$job" ] || job="reste-$profile-$(date -u +%Y%m%d-%H%M%S)"
# '~' separates the parameters because tables may hold commas (gcloud's ^DELIM^ syntax).
params="profile=$profile~tables=$tables~out=$out"
[ "$data" = sample ] || params="$params~data=$data"
[ -z "$baseline" ] || params="$params~baseline=$baseline"
[ "$gpu" = none ] || params="$params~gpuType=$gpu~gpusPerWorker=1"

run gcloud dataflow flex-template run "$job" --project "$RESTE_PROJECT" --region "$RESTE_REGION" \
  --template-file-gcs-location "$RESTE_TEMPLATE" \
  --temp-location "$RESTE_TEMP/temp" --staging-location "$RESTE_TEMP/staging" \
  --service-account-email "$RESTE_WORKER_SA" --max-workers "$max_workers" \
  --parameters "^~^$params"
echo "job $job: gcloud dataflow jobs list --project $RESTE_PROJECT --region $RESTE_REGION --filter=name=$job"
echo "tables, when it finishes: gcloud storage ls $out/tables/"
