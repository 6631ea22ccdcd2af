#!/usr/bin/env bash
# run-suites.sh - run every test suite against the staged build.
#
# Called by test/run as the unprivileged server user, with DDB_WORK and the
# other DDB_* variables of common.sh in the environment, from the staged
# copy of the source tree.  Prints each suite's result and, last, the line
# "N passed, N failed".
set -uo pipefail
src="$DDB_WORK/src"
cd "$src"
. test/lib/common.sh

total_passed=0
total_failed=0

# Add a suite's counts to the totals and print them.
record() {
	local suite=$1 passed=$2 failed=$3
	printf '%-12s %d passed, %d failed\n' "$suite:" "$passed" "$failed"
	total_passed=$((total_passed + passed))
	total_failed=$((total_failed + failed))
}

# Count "... ok" and "... FAILED" lines in pg_regress style output ($1).
count_regress() {
	local log=$1 suite=$2 ok bad
	ok=$(grep -cE '\.\.\. ok( |$)' "$log")
	bad=$(grep -cE '\.\.\. (FAILED|failed)' "$log")
	# a run that died before any test counts as one failure
	if ((ok + bad == 0)); then bad=1; fi
	record "$suite" "$ok" "$bad"
}

# 1. Unit tests of the backend-independent modules.
if [[ -f test/unit/Makefile ]]; then
	make -s -C test/unit check >"$DDB_WORK/unit.log" 2>&1
	status=$?
	cat "$DDB_WORK/unit.log"
	read -r p f < <(awk '/^([A-Za-z_]+: )?[0-9]+ passed, [0-9]+ failed/ {
		sub(/^[A-Za-z_]+: /, ""); p += $1; f += $3 } END { print p+0, f+0 }' "$DDB_WORK/unit.log")
	if ((status != 0 && f == 0)); then f=1; fi
	record unit "$p" "$f"
fi

# 2. pg_regress and the isolation specs, on one throwaway cluster.
if ! ddb_start_cluster; then
	echo "could not start the test cluster" >&2
	record cluster 0 1
else
	trap ddb_stop_cluster EXIT
	pgxs_test="$DDB_PG_PKGLIB/pgxs/src/test"
	mapfile -t regress_tests < <(ls sql/*.sql | grep -v '/ddbtable--' | sed 's|sql/||; s|\.sql$||')
	"$pgxs_test/regress/pg_regress" --host="$DDB_SOCKET_DIR" --user=postgres \
		--bindir="$DDB_PG_BIN" --inputdir=. --outputdir="$DDB_WORK/regress" \
		--dbname=ddbtable_regress "${regress_tests[@]}" 2>&1 | tee "$DDB_WORK/regress.log"
	[[ -f $DDB_WORK/regress/regression.diffs ]] && cat "$DDB_WORK/regress/regression.diffs"
	count_regress "$DDB_WORK/regress.log" regress

	mapfile -t isolation_tests < <(ls test/isolation/specs/*.spec | sed 's|.*/||; s|\.spec$||')
	"$pgxs_test/isolation/pg_isolation_regress" --host="$DDB_SOCKET_DIR" --user=postgres \
		--bindir="$DDB_PG_BIN" --inputdir=test/isolation --outputdir="$DDB_WORK/isolation" \
		--dbname=ddbtable_isolation "${isolation_tests[@]}" 2>&1 | tee "$DDB_WORK/isolation.log"
	[[ -f $DDB_WORK/isolation/regression.diffs ]] && cat "$DDB_WORK/isolation/regression.diffs"
	count_regress "$DDB_WORK/isolation.log" isolation
	ddb_stop_cluster
	trap - EXIT
fi

# 3. TAP tests, each with its own clusters (PostgreSQL::Test::Cluster).
mkdir -p "$DDB_WORK/tap"
read -r p f < <(TESTDIR="$DDB_WORK/tap" PATH="$DDB_PG_BIN:$PATH" \
	PG_REGRESS="$DDB_PG_PKGLIB/pgxs/src/test/regress/pg_regress" \
	perl test/lib/tap-count.pl "$DDB_PG_PKGLIB/pgxs/src/test/perl" test/t/*.pl)
record tap "$p" "$f"

echo
if ((total_failed == 0 && total_passed > 0)); then
	echo "All suites passed."
else
	echo "Some tests failed (or none ran); logs were in $DDB_WORK."
fi
echo "$total_passed passed, $total_failed failed"
((total_failed == 0 && total_passed > 0))
