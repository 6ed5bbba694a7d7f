#!/bin/sh
# Trunk post-build hook: the steps after a build, in order (Trunk starts the
# hooks of one stage together, so they are one hook).
set -eu
here=$(dirname "$0")
sh "$here/boot-file.sh"
sh "$here/precompress.sh"
