# Shared by the infra/ scripts (sourced, not run): checks that fail early with one clear line,
# and a runner that prints instead of executing under --dry-run.

RESTE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DRY_RUN="${DRY_RUN:-0}"

die() {
  echo "$(basename "$0"): $*" >&2
  exit 2
}

# need_cmd NAME WHY: the tool must be on PATH (not checked under --dry-run, which runs nothing).
need_cmd() {
  [ "$DRY_RUN" = 1 ] && return 0
  command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed or not on PATH; it is needed to $2"
}

# need_env NAME...: each variable must be set and non-empty.
need_env() {
  local name
  for name in "$@"; do
    [ -n "${!name:-}" ] || die "environment variable $name is not set (see 'terraform -chdir=terraform output -raw shell_env' or README: Run it in the cloud)"
  done
}

# need_gs NAME: the variable must hold a gs:// location.
need_gs() {
  case "${!1}" in
    gs://?*) ;;
    *) die "$1 must be a gs:// location, got '${!1}'" ;;
  esac
}

# run CMD...: execute, or under --dry-run print the command, one shell-quoted word at a time.
run() {
  if [ "$DRY_RUN" = 1 ]; then
    printf '%q ' "$@" | sed 's/ $//'
    echo
  else
    "$@"
  fi
}

# The image tag: the commit, refused when the tree has uncommitted changes (a tag must name what is in it).
commit_tag() {
  local sha
  sha="$(git -C "$RESTE_ROOT" rev-parse --short=12 HEAD)" || die "not a git checkout; give --tag"
  if [ -n "$(git -C "$RESTE_ROOT" status --porcelain --untracked-files=no)" ]; then
    die "the working tree has uncommitted changes; commit them or give --tag"
  fi
  echo "$sha"
}
