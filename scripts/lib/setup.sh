# shellcheck shell=bash
# Shared by scripts/demo, scripts/test and scripts/reporting: install what is missing, build once.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Playwright must use Debian's Chromium; it never downloads a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export REPORTING_CHROMIUM="${REPORTING_CHROMIUM:-/usr/bin/chromium}"

# Debian packages the product and its tests use. Each is installed only if absent.
#   postgresql             the warehouse (initdb, pg_ctl, postgres 15)
#   chromium               HTML -> PDF through Playwright
#   fonts-liberation2      Liberation Serif: Times New Roman metrics, Vietnamese glyphs, embeddable
#   poppler-utils          pdftotext, pdffonts, pdfsig, pdftoppm (tests and samples)
#   qpdf                   PDF structure checks in tests
#   libnss3-tools          certutil: an NSS database trusting the dev CA, so pdfsig can say "Certificate is Trusted"
#   python3-aiosmtpd       a real SMTP server on loopback for delivery tests
#   libreoffice-calc-nogui opens our XLSX in tests (csv conversion) and the clerk's-route benchmark
#   libreoffice-writer-nogui
REPORTING_APT_PACKAGES=(postgresql chromium fonts-liberation2 poppler-utils qpdf libnss3-tools python3-aiosmtpd
  libreoffice-calc-nogui libreoffice-writer-nogui)

ensure_packages() {
  local missing=() p
  for p in "${REPORTING_APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "Installing missing Debian packages: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "error: the .NET 10 SDK (dotnet) is not on PATH; this machine kind ships it." >&2
    exit 1
  fi
}

build_solution() {
  local configuration="${1:-Release}"
  (cd "$REPO_ROOT" && dotnet build Reporting.sln -c "$configuration" -nologo -v q -clp:ErrorsOnly)
}

# Runs the built worker: reporting <verb> [args...]
reporting() {
  dotnet "$REPO_ROOT/Reporting.Worker/bin/Release/net10.0/Reporting.Worker.dll" "$@"
}
