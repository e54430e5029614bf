# Shared by the Xvfb checks: start a private X server and clean up after.
# Usage: source .ci/xvfb-lib.sh; start_xvfb :NN
fail() { echo "FAIL: $*" >&2; exit 1; }

start_xvfb() {
    export DISPLAY="$1"
    unset WAYLAND_DISPLAY
    Xvfb "$DISPLAY" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 50); do
        xdpyinfo >/dev/null 2>&1 && return 0
        xdotool getmouselocation >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    fail "Xvfb did not start on $DISPLAY"
}

# Waits for the app's window (up to TRIES quarter-seconds, default 30 s);
# prints its id.
wait_window() {
    local pid=$1 tries=${2:-120}
    for _ in $(seq "$tries"); do
        kill -0 "$pid" 2>/dev/null || fail "the app exited before showing a window"
        local wid
        wid=$(xdotool search --onlyvisible --name "Counterweight" 2>/dev/null | head -1 || true)
        if [ -n "$wid" ]; then echo "$wid"; return 0; fi
        sleep 0.25
    done
    fail "no Counterweight window after $((tries / 4)) s"
}

# Fails unless the screenshot has real content (not one flat colour).
assert_not_blank() {
    local png=$1
    local colours
    colours=$(/usr/bin/convert "$png" -format %k info:)
    [ "$colours" -gt 64 ] || fail "$png looks blank ($colours colours)"
    echo "$png: $colours colours"
}
