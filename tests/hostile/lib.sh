# lib.sh - helpers of the tests/hostile/*.sh scripts, on top of
# tests/measure/lib.sh (check/ok/bad/finish).
# Usage of every script: sh SCRIPT DLBENCH FIXTURE_DIR TMP_DIR, with
# DLBENCH_SOURCE set to the source tree (never written to).
. "$DLBENCH_SOURCE/tests/measure/lib.sh"
SRC=$DLBENCH_SOURCE

# one_error FILE [PATTERN]: FILE is exactly one line, "dlbench: error: ...",
# matching the extended regex PATTERN when given.
one_error() {
    [ "$(grep -c '' "$1")" -eq 1 ] && grep -q '^dlbench: error: ' "$1" &&
        { [ -z "$2" ] || grep -Eq -- "$2" "$1"; }
}

# csv_complete FILE: not empty, ends with a newline, and every record
# (quoted fields may hold commas, "" and newlines) has the header's
# number of fields. Prints what is wrong.
csv_complete() {
    [ -s "$1" ] || { echo "$1: empty or missing"; return 1; }
    [ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ] ||
        { echo "$1: does not end with a newline"; return 1; }
    awk '
        BEGIN { inq = 0; nf = 1; rec = 0; bad = 0 }
        {
            s = $0
            n = length(s)
            for (i = 1; i <= n; i++) {
                c = substr(s, i, 1)
                if (inq) {
                    if (c == "\"") {
                        if (substr(s, i + 1, 1) == "\"") i++
                        else inq = 0
                    }
                } else if (c == "\"") inq = 1
                else if (c == ",") nf++
            }
            if (inq) next          # a quoted field goes on on the next line
            rec++
            if (rec == 1) hdr = nf
            else if (nf != hdr) { print FILENAME ": record " rec " has " nf " fields, header " hdr; bad = 1 }
            nf = 1
        }
        END {
            if (inq) { print FILENAME ": ends inside a quoted field"; bad = 1 }
            if (rec < 1) { print FILENAME ": no header"; bad = 1 }
            exit bad
        }' "$1"
}

# csv_rows FILE: records after the header (quoted newlines joined).
csv_rows() {
    awk 'BEGIN { inq = 0; rec = 0 }
        { s = $0; n = length(s)
          for (i = 1; i <= n; i++) { c = substr(s, i, 1)
              if (c == "\"") inq = !inq }
          if (!inq) rec++ }
        END { print rec - 1 }' "$1"
}

# run_folder_complete DIR: every CSV complete, env.txt says complete, no
# temporary file and no PARTIAL marker.
run_folder_complete() {
    for f in results.csv summary.csv failures.csv variants.csv; do
        csv_complete "$1/$f" || return 1
    done
    [ -s "$1/results.txt" ] && [ -s "$1/bench.toml" ] || { echo "$1: results.txt or bench.toml missing"; return 1; }
    grep -q '^status: complete$' "$1/env.txt" || { echo "$1: env.txt not complete"; return 1; }
    [ ! -e "$1/PARTIAL" ] || { echo "$1: PARTIAL"; return 1; }
    if find "$1" -name '*.tmp*' | grep -q .; then echo "$1: temporary files"; return 1; fi
    return 0
}

# toml_str S: S as a TOML basic string body ("\" and '"' escaped, '$'
# written as \u0024 to exercise the escapes).
toml_str() {
    printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\$/\\u0024/g'
}
