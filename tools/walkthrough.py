#!/usr/bin/python3
"""A new user's first ten minutes, driven over the accessibility bus and
xdotool, with a screenshot after each step (issue 16's "tried as a new user
would"): open the MoJ scenario, re-enter the claim, make one input
uncertain, undo, set a break-even value, look at the waterfall, tornado and
compare charts, quit. The wrapper `tools/walkthrough` starts Xvfb, the bus
and the app, runs this, then restarts the app and screenshots what came
back.

Widgets are found by the names a screen reader hears, and clicked where the
bus says they are, so the script follows the layout rather than fixed
coordinates.

Usage: walkthrough.py OUT_DIR PREFIX THEME   (THEME: light or dark)
"""

import subprocess
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import GLib  # noqa: E402

import pyatspi  # noqa: E402

OUT, PREFIX, THEME = sys.argv[1], sys.argv[2], sys.argv[3]
STEP = [0]
# What AT-SPI calls a text field (AccessKit's TextInput).
FIELD = ("entry", "text", "password text")


def find_app(timeout=60.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            a = desktop.getChildAtIndex(i)
            if a is not None and (a.name or "").lower() == "counterweight" and a.childCount > 0:
                return a
        time.sleep(0.5)
    sys.exit("FAIL: the app is not on the accessibility bus")


def pump(seconds):
    ctx = GLib.MainContext.default()
    end = time.time() + seconds
    while time.time() < end:
        if not ctx.iteration(False):
            time.sleep(0.005)


def walk(node, out=None, depth=0):
    if out is None:
        out = []
    if depth > 60:
        return out
    try:
        out.append(node)
        for i in range(node.childCount):
            c = node.getChildAtIndex(i)
            if c is not None:
                walk(c, out, depth + 1)
    except GLib.Error:
        pass
    return out


def find(app, name, role=None, contains=False, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for n in walk(app):
            try:
                nm = n.name or ""
                roles = (role,) if isinstance(role, str) else role
                if (name in nm if contains else nm == name) and (role is None or n.getRoleName() in roles):
                    return n
            except GLib.Error:
                continue
        pump(0.3)
    sys.exit(f"FAIL: no {role or 'node'} named {name!r}")


def centre(node):
    e = node.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    return e.x + e.width // 2, e.y + e.height // 2


def xdo(*args):
    subprocess.run(["xdotool", *args], check=True)


def click(node, button="1"):
    x, y = centre(node)
    xdo("mousemove", str(x), str(y))
    pump(0.2)
    xdo("click", button)
    pump(0.6)


def shot(what):
    STEP[0] += 1
    path = f"{OUT}/{PREFIX}-{STEP[0]:02}-{what}.png"
    pump(1.0)
    subprocess.run(["/usr/bin/import", "-window", "root", path], check=True)
    print(path)


def main():
    app = find_app()
    pump(2.0)
    click(find(app, "View"))
    click(find(app, f"Theme: {THEME}"))
    # The MoJ scenario, the first tab.
    click(find(app, "MoJ back office", contains=True, role="page tab"))
    shot("opened")

    # Re-enter the claim as the department wrote it.
    box = find(app, "Claim as written", role=FIELD)
    click(box)
    xdo("key", "--clearmodifiers", "ctrl+a")
    # (xdotool types ASCII reliably under Xvfb; the box reads "120m" as £120m.)
    xdo("type", "--delay", "30", "120m over 7 years")
    click(find(app, "Use this claim"))
    shot("claim-re-entered")

    # Make one input uncertain: the claim's real growth, fixed until now.
    combo = find(app, "real growth a year, fixed or range", contains=True)
    click(combo)
    click(find(app, "low / central / high (triangular)"))
    shot("made-uncertain")

    xdo("key", "--clearmodifiers", "ctrl+z")
    pump(0.8)
    shot("undone")

    # A break-even value from a field's right-click menu.
    amount = find(app, "— amount", contains=True, role=FIELD)
    click(amount, button="3")
    click(find(app, "Break-even: value where net social value is zero…"))
    pump(3.0)
    shot("break-even")
    click(find(app, "Set to this value", contains=True))
    shot("break-even-set")
    xdo("key", "--clearmodifiers", "Escape")  # closes the break-even window
    pump(0.5)

    for view in ("Claim to net social value", "What matters most", "Compare scenarios"):
        click(find(app, view, role="page tab"))
        pump(2.0)
        shot(view.split()[0].lower())

    xdo("key", "--clearmodifiers", "ctrl+q")
    pump(2.0)
    shot("quit-asked")
    # Save the edits (a copy of the bundled file): the app then quits.
    click(find(app, "Save", role="push button"))


main()
