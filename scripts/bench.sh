#!/usr/bin/env bash
# The benchmark of issue #19: dokaz against Hugo on the same practices.
#
#   scripts/bench.sh                       # 1,000 practices
#   BENCH_SIZES="1000 10000" scripts/bench.sh
#
# For each size N it generates a registry of N practices (the bundled
# example's practices cloned, `cargo run --release --example generate`),
# writes the same practice Markdown files as a plain Hugo site (one-line
# templates), and reports, from one run in which the commands alternate:
#
# - medians of `dokaz check` and of serde_yaml parsing the same files
#   (examples/yaml_baseline.rs, the bar `check` is held to), `dokaz build`, and `dokaz build` with search,
#   charts and diagrams each switched off once (`DOKAZ_BENCH_OFF`, a
#   benchmark-only switch: see `render::bench_off`), and of `hugo`;
# - peak memory of each (`/usr/bin/time -f %M`);
# - output size and file count, and the size of each example practice's
#   page;
# - dokaz's time per stage (`DOKAZ_TIMINGS=1`).
#
# Settings (environment): BENCH_SIZES (default "1000"), BENCH_RUNS (runs of
# each command, default 3), BENCH_DIR (work folder, default
# /tmp/dokaz-bench; registries are generated once and kept there),
# BENCH_SKIP_BUILD=1 (use target/release as it is, without cargo build),
# BENCH_VARIANTS (default "build no-search no-charts no-diagrams").
#
# Needs Debian's `hugo` (installed with apt-get when missing; run as root
# or with sudo). Wall-clock figures depend on the machine and on what else
# runs on it: report them with the machine's load.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=${BENCH_SIZES:-1000}
RUNS=${BENCH_RUNS:-3}
DIR=${BENCH_DIR:-/tmp/dokaz-bench}
mkdir -p "$DIR"

if ! command -v hugo >/dev/null; then
    SUDO=
    [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq hugo >/dev/null
fi

[ -n "${BENCH_SKIP_BUILD:-}" ] || cargo build --release --quiet --bin dokaz --example generate --example yaml_baseline
DOKAZ=$ROOT/target/release/dokaz
GEN=$ROOT/target/release/examples/generate
YAML=$ROOT/target/release/examples/yaml_baseline

median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
human() { numfmt --to=si --suffix=B "$1"; }

# One timed run: NAME, then the command. Appends "wall_s peak_kb" to
# $DIR/n$N.NAME.times; the command's output goes to $DIR/n$N.NAME.log.
timed() {
    local name=$1
    shift
    /usr/bin/time -f "%e %M" -o "$DIR/n$N.$name.t" "$@" >"$DIR/n$N.$name.log" 2>&1 ||
        { echo "$name failed: see $DIR/n$N.$name.log" >&2; exit 1; }
    cat "$DIR/n$N.$name.t" >>"$DIR/n$N.$name.times"
}

hugo_site() {
    local reg=$1 site=$2
    rm -rf "$site"
    mkdir -p "$site/layouts/_default" "$site/content/practices"
    cat >"$site/config.toml" <<'EOF'
baseURL = "https://registry.example.org/"
title = "bench"
disableKinds = ["taxonomy", "term"]
EOF
    echo '<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>' \
        >"$site/layouts/_default/single.html"
    echo '<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>' \
        >"$site/layouts/_default/list.html"
    (cd "$reg/content/practices" && find . -name '*.md' -print0 |
        while IFS= read -r -d '' f; do
            d=${f%/index.md}
            d=${d%.md}
            mkdir -p "$site/content/practices/$d"
            cp "$f" "$site/content/practices/$d/index.md"
        done)
}

VARIANTS=${BENCH_VARIANTS:-"build no-search no-charts no-diagrams"}
off_of() {
    case $1 in
    no-search) echo search ;;
    no-charts) echo charts ;;
    no-diagrams) echo diagrams ;;
    *) echo "" ;;
    esac
}

for N in $SIZES; do
    REG=$DIR/registry-$N
    SITE=$DIR/hugo-$N
    [ -d "$REG" ] || "$GEN" "$REG" "$N" >/dev/null
    hugo_site "$REG" "$SITE"
    rm -f "$DIR/n$N".*.times
    md_files=$(find "$REG/content/practices" -name '*.md' | wc -l)
    md_bytes=$(find "$REG/content/practices" -name '*.md' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
    echo "== $N practices: $md_files Markdown files, $(human "$md_bytes") ($((md_bytes / md_files / 1024)) KB each on average)"

    for r in $(seq "$RUNS"); do
        echo "   run $r/$RUNS" >&2
        timed check "$DOKAZ" check --root "$REG"
        # The bar for `check`: the same files' YAML parsed with serde_yaml
        # into Value, nothing else (examples/yaml_baseline.rs).
        timed serde_yaml "$YAML" "$REG"
        for v in $VARIANTS; do
            rm -rf "$DIR/out-$N-$v"
            timed "$v" env DOKAZ_BENCH_OFF="$(off_of "$v")" "$DOKAZ" build --root "$REG" --out "$DIR/out-$N-$v"
            # Hugo after every dokaz build, so the two alternate.
            if [ "$v" = build ]; then
                rm -rf "$SITE/public" "$SITE/resources"
                timed hugo hugo --quiet -s "$SITE" -d "$SITE/public"
            fi
        done
    done

    printf '\n%-22s %10s %12s\n' "command" "median s" "peak memory"
    for c in check serde_yaml $VARIANTS hugo; do
        f=$DIR/n$N.$c.times
        wall=$(cut -d' ' -f1 "$f" | median)
        mem=$(cut -d' ' -f2 "$f" | median)
        printf '%-22s %10s %12s\n' "$c" "$wall" "$(human $((${mem%.*} * 1024)))"
    done
    b=$(cut -d' ' -f1 "$DIR/n$N.build.times" | median)
    h=$(cut -d' ' -f1 "$DIR/n$N.hugo.times" | median)
    echo "dokaz build / hugo: $(awk -v b="$b" -v h="$h" 'BEGIN {printf "%.2f", b / h}')"
    c=$(cut -d' ' -f1 "$DIR/n$N.check.times" | median)
    y=$(cut -d' ' -f1 "$DIR/n$N.serde_yaml.times" | median)
    echo "dokaz check / serde_yaml parse: $(awk -v c="$c" -v y="$y" 'BEGIN {printf "%.2f", c / y}')"

    OUT=$DIR/out-$N-build
    echo
    echo "dokaz output: $(human "$(du -sb "$OUT" | cut -f1)") in $(find "$OUT" -type f | wc -l) files" \
        "(search index $(human "$(du -sb "$OUT/pagefind" | cut -f1)"))"
    echo "hugo output:  $(human "$(du -sb "$SITE/public" | cut -f1)") in $(find "$SITE/public" -type f | wc -l) files"
    echo "practice pages (first clone of each example practice):"
    for p in "$OUT"/practices/*-00000 "$OUT"/practices/*-00001 "$OUT"/practices/*-00002 "$OUT"/en/practices/*-00002; do
        [ -f "$p/index.html" ] || continue
        html=$p/index.html
        svg=$(perl -0777 -ne '$t += length($1) while /(<svg.*?<\/svg>)/gs; print $t + 0' "$html")
        printf '  %-60s %8s HTML, %8s in <svg>\n' "${p#"$OUT"/}" "$(human "$(wc -c <"$html")")" "$(human "$svg")"
    done

    echo
    echo "dokaz build stages (DOKAZ_TIMINGS=1, one run):"
    rm -rf "$DIR/out-$N-timings"
    DOKAZ_TIMINGS=1 "$DOKAZ" build --root "$REG" --out "$DIR/out-$N-timings" 2>&1 >/dev/null |
        grep -E '^\[ *[0-9]+ ms\]|^  (load:|[a-z]+ [a-z-]+: [0-9]+ ms$)' | sed 's/^/  /'
    rm -rf "$DIR/out-$N-timings"
    echo
done
