#!/bin/sh
# An "editor" for the edit command: halves the test domain's memory.
sed -i -e 's|<memory unit=.KiB.>8388608</memory>|<memory unit='"'"'KiB'"'"'>4194304</memory>|' "$1"
