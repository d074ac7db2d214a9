#!/usr/bin/env bash
# Prepares what the real-VS-Code tests need on a Debian machine (see docs/extension.md, "Tests in a real VS Code"):
#   - Debian packages chromium (the browser that drives the workbench), libkrb5-dev (kerberos' gssapi.h for the
#     native build) and ripgrep (VS Code's search; @vscode/ripgrep's own postinstall would download it from GitHub);
#   - code-server (VS Code's workbench + Node extension host) from npm into a cache folder outside the repo.
# Idempotent: a complete install (marked by .complete) is reused. Prints the code-server folder on its last line.
# Env: GRADLENS_CACHE (default ~/.cache/gradlens), CS_VERSION (default 4.100.3: the last release on Node 20).
set -euo pipefail
CS_VERSION="${CS_VERSION:-4.100.3}"
CACHE="${GRADLENS_CACHE:-$HOME/.cache/gradlens}"
DIR="$CACHE/code-server-$CS_VERSION"
MARK="$DIR/.complete"

die() { echo "gradlens setup: $*" >&2; exit 1; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || [ -f "$MARK" ] || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    die "missing Debian packages: ${missing[*]}. Run as root, or: sudo apt-get install -y ${missing[*]}"
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them"
  echo "gradlens setup: apt-get install ${missing[*]}" >&2
  apt-get update -o DPkg::Lock::Timeout=600 >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
fi

# One install at a time: parallel test runs share the cache.
mkdir -p "$CACHE"
exec 9>"$CACHE/.install.lock"
command -v flock >/dev/null 2>&1 && flock 9

if [ -f "$MARK" ] && [ -f "$DIR/node_modules/code-server/out/node/entry.js" ]; then
  echo "$DIR"; exit 0
fi

echo "gradlens setup: installing code-server $CS_VERSION into $DIR (first run: a few minutes)" >&2
rm -rf "$DIR"; mkdir -p "$DIR"; cd "$DIR"
echo '{"name":"gradlens-code-server","private":true}' > package.json
export npm_config_yes=true          # node-pty's install runs `npx node-gyp`; npx refuses to prompt without a TTY
{
  # Scripts off: code-server's postinstall downloads ripgrep from GitHub, which these machines cannot reach.
  npm install --no-audit --no-fund --ignore-scripts "code-server@$CS_VERSION"
  npm rebuild argon2                # the prebuilt download fails; node-pre-gyp falls back to a source build
  cd node_modules/code-server/lib/vscode
  npm install --no-audit --no-fund --omit=dev --ignore-scripts
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg   # its postinstall then finds rg and skips the download
  npm rebuild                       # native modules (node-pty, @parcel/watcher, spdlog, kerberos, ...) from source
  # The remaining steps of code-server's own postinstall.sh.
  rm -rf node_modules.asar && ln -s node_modules node_modules.asar
  (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
  (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
  cd extensions && npm install --no-audit --no-fund --omit=dev
} >&2 || die "code-server install failed (see the npm output above)"
touch "$MARK"
echo "$DIR"
