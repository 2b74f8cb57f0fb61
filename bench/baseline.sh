#!/usr/bin/env bash
# The cost floor of generating a workshop: the same files, commits and annotated tags written with
# plain git, one stage at a time. Inputs (prepared by bench/run.mjs outside the timed part):
#   INPUTS/NN/tree/…      the stage's whole repository tree
#   INPUTS/NN/message     the commit message
#   INPUTS/NN/tag         the tag name
#   INPUTS/NN/tag-message the tag message
# Usage: bench/baseline.sh INPUTS TARGET [BRANCH]
# gc.auto=0 keeps an automatic gc out of the floor (it would only make the floor slower).
set -euo pipefail
inputs=$1
target=$2
branch=${3:-main}

git init --quiet --initial-branch="$branch" "$target"
cd "$target"
git config gc.auto 0
for stage in "$inputs"/*/; do
  find . -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
  cp -R "$stage/tree/." .
  git add -A
  git commit --quiet -F "$stage/message"
  read -r tag < "$stage/tag"
  git tag -a -F "$stage/tag-message" "$tag"
done
