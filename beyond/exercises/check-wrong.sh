#!/bin/sh
# check-wrong.sh DIR: runs the exercise in DIR under the race detector, ten
# times each: as shipped (must fail), with the solution (must pass), and with
# each testdata/wrong/*.go in place of exercise.go (must fail). Run it from
# this folder, the exercises module: sh check-wrong.sh 24-cancel-the-query
set -u
dir=$1
runs=${RUNS:-10}
status=0
tmp=$(mktemp -d)
trap 'cp "$tmp/exercise.go" "$dir/exercise.go"; rm -rf "$tmp"' EXIT
cp "$dir/exercise.go" "$tmp/exercise.go"
go test -race -c -o "$tmp/shipped.test" "./$dir" || exit 1
go test -race -tags solution -c -o "$tmp/solution.test" "./$dir" || exit 1
count() { # count BINARY: how many of $runs runs fail
	n=0
	for i in $(seq "$runs"); do
		(cd "$dir" && "$1" -test.count=1 >/dev/null 2>&1) || n=$((n + 1))
	done
	echo $n
}
n=$(count "$tmp/shipped.test"); echo "shipped: failed $n of $runs"; [ "$n" = "$runs" ] || status=1
n=$(count "$tmp/solution.test"); echo "solution: failed $n of $runs"; [ "$n" = 0 ] || status=1
for w in "$dir"/testdata/wrong/*.go; do
	cp "$w" "$dir/exercise.go"
	go test -race -c -o "$tmp/wrong.test" "./$dir" || { echo "$w: does not build"; status=1; continue; }
	n=$(count "$tmp/wrong.test"); echo "$(basename "$w"): failed $n of $runs"; [ "$n" = "$runs" ] || status=1
done
exit $status
