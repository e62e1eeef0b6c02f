#!/usr/bin/env bash
# Drives a terminal UI binary inside a private, detached tmux server and checks what it shows.
# Works without a terminal of its own (CI, setsid): tmux provides the pane the binary opens as
# /dev/tty, while its stdin is a pipe from INPUT.
#
# Usage: BIN=.build/debug/meshlog [INPUT='cmd'] [ARGS='...'] scripts/tui-e2e.sh STEP...
#
# Environment
#   BIN       program to drive (required)
#   ARGS      its arguments (split on spaces)
#   INPUT     shell command whose output is piped to its stdin (default: nothing, stdin at EOF)
#   SIZE      initial pane size, COLSxROWS (default 100x30)
#   TIMEOUT   seconds a wait/exit step may take (default 10)
#   TUI_LOCALE  locale in the pane (default C.UTF-8)
#
# Steps (checks count towards the summary; actions do not)
#   wait:TEXT       check: TEXT (fixed string) appears on the screen
#   gone:TEXT       check: TEXT disappears from the screen
#   keys:K1 K2 ...  action: tmux send-keys with key names (j Enter Escape Space BTab C-c ...)
#   type:TEXT       action: send TEXT literally
#   resize:CxR      action: resize the window to C columns, R rows
#   signal:NAME     action: send signal NAME (TERM, INT, HUP, ...) to the program
#   sleep:SECONDS   action: pause
#   screen          action: print the current screen
#   styled          action: print the current screen with its colour/attribute escapes (cat -v)
#   stderr          action: print what the program wrote to stderr so far
#   exit:CODE       check: the program exits with status CODE
#   restored        check (after exit): echo and icanon are on, the cursor is visible, the
#                   alternate screen is left and the shell's screen is back
#
# Prints one line per check, then "N passed, N failed"; exits 1 when anything failed. A failed
# wait/gone/exit check ends the run (later steps would only time out).
#
# Example:
#   BIN=.build/debug/meshlog INPUT='cat Tests/Fixtures/istio-text.log' scripts/tui-e2e.sh \
#     'wait:UPSTREAM' 'keys:j Enter' 'wait:›' 'resize:60x20' 'keys:q' 'exit:0' restored
set -uo pipefail

BIN=${BIN:?set BIN to the program to drive}
ARGS=${ARGS:-}
INPUT=${INPUT:-}
SIZE=${SIZE:-100x30}
TIMEOUT=${TIMEOUT:-10}
TUI_LOCALE=${TUI_LOCALE:-C.UTF-8}

command -v tmux >/dev/null || { echo "tui-e2e: tmux is not installed"; exit 2; }
[[ -x $BIN ]] || { echo "tui-e2e: BIN '$BIN' is not an executable file"; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

WORK=$(mktemp -d)
SOCK=$WORK/tmux.sock
tm() { tmux -u -f /dev/null -S "$SOCK" "$@"; }   # private server and socket: never the user's tmux
cleanup() { tm kill-server 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
screen() { tm capture-pane -p -t e2e 2>/dev/null; }
summary() { echo "$passed passed, $failed failed"; [[ $failed -eq 0 ]]; exit $?; }

# Polls every 50 ms until `$@` succeeds or TIMEOUT passes.
poll() {
    local deadline=$((SECONDS + TIMEOUT))
    while ((SECONDS <= deadline)); do
        "$@" && return 0
        sleep 0.05
    done
    return 1
}
on_screen() { screen | grep -qF -- "$1"; }
off_screen() { ! on_screen "$1"; }
has_exited() { [[ -s $WORK/status ]]; }

# The pane prints a marker and runs the program with its stdin fed by INPUT (its pid goes to a
# file, for signal:). As soon as the program exits (INPUT may still be running) the status and the
# tty modes are recorded and a second marker printed; then the pane idles for inspection. The
# shells trap SIGINT (instead of dying with the program on C-c); `exec` resets that for the program.
feed=${INPUT:-true}
printf '%s\n' "$ARGS" >"$WORK/args"
cat >"$WORK/run.sh" <<EOF
export LC_ALL=$TUI_LOCALE
trap : INT
printf 'BEFORE-TUI-MARKER\n'
{ $feed ; } 2>/dev/null | {
    trap : INT
    sh -c 'echo \$\$ > "$WORK/pid"; exec "\$0" \$(cat "$WORK/args")' "$BIN" 2>"$WORK/stderr"
    echo \$? > "$WORK/status.tmp"
    stty -a < /dev/tty > "$WORK/stty" 2>&1
    mv "$WORK/status.tmp" "$WORK/status"
    printf 'AFTER-TUI-MARKER\n'
}
while :; do sleep 3600; done
EOF
cols=${SIZE%x*}
rows=${SIZE#*x}
tm new-session -d -s e2e -x "$cols" -y "$rows" "sh $WORK/run.sh" || { echo "tui-e2e: tmux failed to start"; exit 2; }

for step in "$@"; do
    case $step in
    wait:*)
        text=${step#wait:}
        if poll on_screen "$text"; then pass "shows '$text'"; else
            fail "timed out waiting for '$text'"; screen; summary
        fi ;;
    gone:*)
        text=${step#gone:}
        if poll off_screen "$text"; then pass "no longer shows '$text'"; else
            fail "'$text' still shown"; screen; summary
        fi ;;
    keys:*)
        read -r -a names <<<"${step#keys:}"
        tm send-keys -t e2e "${names[@]}" ;;
    type:*)
        tm send-keys -t e2e -l -- "${step#type:}" ;;
    resize:*)
        size=${step#resize:}
        tm resize-window -t e2e -x "${size%x*}" -y "${size#*x}" ;;
    signal:*)
        if [[ -s $WORK/pid ]]; then kill -s "${step#signal:}" "$(cat "$WORK/pid")" 2>/dev/null || true
        else fail "no pid to signal"; fi ;;
    sleep:*)
        sleep "${step#sleep:}" ;;
    screen)
        echo "---- screen"; screen; echo "----" ;;
    styled)
        echo "---- styled screen"; tm capture-pane -p -e -t e2e | sed "s/\x1b/^[/g"; echo "----" ;;
    stderr)
        echo "---- stderr"; cat "$WORK/stderr" 2>/dev/null; echo "----" ;;
    exit:*)
        want=${step#exit:}
        if ! poll has_exited; then
            fail "program did not exit"; screen; summary
        fi
        got=$(cat "$WORK/status")
        if [[ $got == "$want" ]]; then pass "exit status $got"; else
            fail "exit status $got, expected $want"; cat "$WORK/stderr"; summary
        fi ;;
    restored)
        if ! poll has_exited; then fail "program did not exit"; summary; fi
        poll on_screen AFTER-TUI-MARKER >/dev/null
        problems=()
        grep -qw -- '-echo' "$WORK/stty" && problems+=("echo is off")
        grep -qw -- '-icanon' "$WORK/stty" && problems+=("icanon is off")
        [[ $(tm display-message -p -t e2e '#{alternate_on}') == 0 ]] || problems+=("still on the alternate screen")
        [[ $(tm display-message -p -t e2e '#{cursor_flag}') == 1 ]] || problems+=("cursor hidden")
        on_screen BEFORE-TUI-MARKER || problems+=("shell screen not restored")
        if ((${#problems[@]} == 0)); then pass "terminal restored"; else
            fail "terminal not restored: ${problems[*]}"; screen
        fi ;;
    *)
        echo "tui-e2e: unknown step '$step'"; exit 2 ;;
    esac
done
summary
