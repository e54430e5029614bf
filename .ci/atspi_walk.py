#!/usr/bin/python3
"""The Counterweight window as a screen reader (Orca) meets it, over the
Linux accessibility bus (AT-SPI). Checks what the kittest audit
(src/app/tests/a11y.rs) checks on the AccessKit tree:

- on every scenario tab, in the chart views, every chart is an image named
  "Chart: <title>" whose description holds the title and a figure in pounds;
- Tabbing through the whole window from the top, unfolding every section
  met on the way (Space on a folded header, as a person would): every stop
  has a name, no two stops share one, no name starts with a symbol, every
  drop-down says what it holds;
- a bad entry in a money field, then Tab: the field keeps the text and is
  described by its message.

AccessKit leaves nodes scrolled out of sight out of the bus's tree (so they
are not "showing"), which is why the rules are checked at Tab stops: each
stop is scrolled into view, as a user meets it. Every stop is written to
--log, one line each: role, name, value, description.

Usage: atspi_walk.py [--log FILE] [--max-stops N]   (the app must be running)
"""

import argparse
import re
import subprocess
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

import pyatspi  # noqa: E402

APP = "counterweight"
CHART_VIEWS = ("Net savings vs social cost", "What matters most", "Uncertainty: histogram")


def find_app(timeout=60.0):
    """The app on the bus: its AccessKit adapter registers a few seconds in."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            a = desktop.getChildAtIndex(i)
            if a is not None and (a.name or "").lower() == APP and a.childCount > 0:
                return a
        time.sleep(0.5)
    sys.exit(f"FAIL: no '{APP}' application on the accessibility bus after {timeout:.0f} s")


def pump(seconds):
    """Lets the bus deliver events for a while."""
    ctx = GLib.MainContext.default()
    end = time.time() + seconds
    while time.time() < end:
        if not ctx.iteration(False):
            time.sleep(0.005)


def key(k):
    subprocess.run(["xdotool", "key", "--clearmodifiers", k], check=True)


def text_value(node):
    """What the node holds as a screen reader reads it: its text, else its
    number. (A node can change between two calls: then nothing.)"""
    try:
        t = node.queryText()
        return t.getText(0, t.characterCount)
    except (NotImplementedError, GLib.Error):
        pass
    try:
        return str(node.queryValue().currentValue)
    except (NotImplementedError, GLib.Error):
        return None


def describe(node):
    states = node.getState()
    return {
        "node": node,
        "role": node.getRoleName(),
        "name": node.name or "",
        "description": node.description or "",
        "pressed": states.contains(pyatspi.STATE_PRESSED) or states.contains(pyatspi.STATE_CHECKED),
        "showing": states.contains(pyatspi.STATE_SHOWING),
    }


def walk(node, out=None, depth=0):
    """Every node shown under `node`: role and name (description for charts)."""
    if out is None:
        out = []
    if depth > 60:
        return out
    try:
        role = node.getRoleName()
        name = node.name or ""
        out.append({"node": node, "role": role, "name": name})
        for i in range(node.childCount):
            child = node.getChildAtIndex(i)
            if child is not None:
                walk(child, out, depth + 1)
    except GLib.Error:
        pass  # a node that went while walking
    return out


def click(node):
    action = node.queryAction()
    action.doAction(0)


def check_charts(app):
    """On every scenario tab, in each chart view: the chart's text alternative."""
    problems = []
    nodes = walk(app)
    scenario_tabs = [s for s in nodes if s["role"] == "page tab" and s["node"].parent.name == "Open scenarios"]
    print(f"{len(scenario_tabs)} scenario tab(s)")
    for t in scenario_tabs:
        click(t["node"])
        pump(0.4)
        for view in CHART_VIEWS:
            views = [s for s in walk(app) if s["role"] == "page tab" and s["name"] == view]
            if not views:
                problems.append(f"{t['name']}: no view tab {view!r}")
                continue
            click(views[0]["node"])
            pump(0.4)
            charts = [s for s in walk(app) if s["role"] == "image" and s["name"].startswith("Chart: ")]
            if not charts:
                problems.append(f"{t['name']} / {view}: no chart on the bus")
            for c in charts:
                title = c["name"][len("Chart: "):]
                desc = c["node"].description or ""
                if title not in desc:
                    problems.append(f"{t['name']} / {view}: description lacks the title {title!r}")
                elif not re.search(r"£-?\d", desc.replace(title, "")):
                    problems.append(f"{t['name']} / {view}: description has no figure: {desc!r}")
                print(f"{t['name'][:40]} / {view}: {c['name'][:70]!r}, {len(desc)} characters of description")
    return problems


def tab_through(app, max_stops, log):
    """Tabs from the top of the window until focus comes back round,
    unfolding sections on the way; returns the stops."""
    focused = []

    def on_focus(event):
        if event.detail1 == 1:
            focused.append(event.source)

    listener = Atspi.EventListener.new(on_focus)
    listener.register("object:state-changed:focused")
    stops = []
    first = None
    bad_entry = None
    unfolded = 0
    for i in range(max_stops):
        key("Tab")
        pump(0.08)
        if not focused:
            pump(0.3)
        if not focused:
            stops.append({"role": "(nothing)", "name": "", "description": "", "value": None})
            continue
        node = focused[-1]
        focused.clear()
        try:
            s = describe(node)
        except GLib.Error:
            continue
        s["value"] = text_value(node)
        ident = (s["role"], s["name"])
        if first is None:
            first = ident
        elif ident == first and i > 10:
            break
        # A folded section: unfold it, as a person would, and go on.
        if s["role"] == "toggle button" and not s["pressed"]:
            key("space")
            pump(0.15)
            unfolded += 1
        if bad_entry is None and s["role"] in ("entry", "text") and (s["value"] or "").startswith("£"):
            bad_entry = try_bad_entry(s, focused)
        line = f"{len(stops) + 1:3}: {s['role']} {s['name']!r}"
        if s["value"]:
            line += f" = {s['value'][:50]!r}"
        if s["description"]:
            line += f" — {s['description'][:90]!r}"
        if not s["showing"]:
            line += " [NOT SHOWING]"
        print(line, file=log)
        stops.append(s)
    listener.deregister("object:state-changed:focused")
    print(f"{len(stops)} Tab stops, {unfolded} sections unfolded on the way")
    return stops, bad_entry


def stop_problems(stops):
    out = []
    names = {}
    for s in stops:
        if s["role"] == "(nothing)":
            out.append("a Tab stop where nothing has focus")
            continue
        if not s["name"].strip():
            out.append(f"a {s['role']} without a name (value {s['value']!r})")
        names[s["name"]] = names.get(s["name"], 0) + 1
        if s["name"] and ord(s["name"][0]) >= 0x2190 and not s["name"][0].isalnum():
            out.append(f"{s['role']} {s['name']!r} starts with a symbol")
        if s["role"] == "combo box" and not (s["value"] or s["description"].startswith("Currently ")):
            out.append(f"combo box {s['name']!r} says nothing of what it holds")
        if not s["showing"]:
            out.append(f"{s['role']} {s['name']!r} has focus but is not showing")
    for name, n in names.items():
        if n > 1 and name:
            out.append(f"{n} Tab stops are named {name!r}")
    return out


def try_bad_entry(s, focused):
    """At the money field `s` (focused): types text that is not money, leaves
    with Tab, comes back with Shift+Tab, and reads the field as a screen
    reader would; the message must also be announced (a live region).
    Returns the problems found."""
    heard = []

    def on_announce(event):
        heard.append(str(event.any_data))

    announcements = Atspi.EventListener.new(on_announce)
    announcements.register("object:announcement")
    key("ctrl+a")
    subprocess.run(["xdotool", "type", "--delay", "40", "abc"], check=True)
    pump(0.3)
    key("Tab")
    pump(0.3)
    focused.clear()
    key("shift+Tab")
    pump(0.4)
    if not focused:
        return [f"{s['name']!r}: Shift+Tab did not come back after a bad entry"]
    node = focused[-1]
    focused.clear()
    value = text_value(node)
    desc = node.description or ""
    print(f"bad entry in {node.name!r}: now {value!r}, described {desc!r}")
    announcements.deregister("object:announcement")
    print(f"announced: {heard}")
    out = []
    if not any("expected an amount of money" in h for h in heard):
        out.append(f"{s['name']!r}: the error was not announced (heard {heard})")
    if node.name != s["name"]:
        out.append(f"Shift+Tab after a bad entry went to {node.name!r}, not {s['name']!r}")
    if "expected an amount of money" not in desc:
        out.append(f"{s['name']!r}: not described by its error after a bad entry ({desc!r})")
    if value != "abc":
        out.append(f"{s['name']!r}: the typed text went on leaving the field ({value!r})")
    # Put it back as it was, so the rest of the walk sees the scenario as it came.
    key("ctrl+a")
    subprocess.run(["xdotool", "type", "--delay", "20", s["value"] or ""], check=True)
    pump(0.2)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--log", default="-")
    ap.add_argument("--max-stops", type=int, default=700)
    args = ap.parse_args()
    log = sys.stdout if args.log == "-" else open(args.log, "w", encoding="utf-8")

    start = time.time()
    app = find_app()
    window = app.getChildAtIndex(0)
    print(f"on the bus after {time.time() - start:.1f} s; window: {window.getRoleName()} {window.name!r}")
    failures = [] if window.name else ["the window has no name"]
    failures += check_charts(app)
    print(f"charts checked at {time.time() - start:.0f} s")
    # From the top of the window, on the first scenario's tab.
    first_tab = [s for s in walk(app) if s["role"] == "page tab"][0]
    click(first_tab["node"])
    pump(0.3)
    first_tab["node"].queryComponent().grabFocus()
    pump(0.3)
    stops, money = tab_through(app, args.max_stops, log)
    failures += stop_problems(stops)
    print(f"Tabbed through at {time.time() - start:.0f} s")
    failures += money if money is not None else ["no money field met while Tabbing"]
    print(f"walked in {time.time() - start:.0f} s")
    if failures:
        print(f"\n{len(failures)} problem(s):")
        for f in sorted(set(failures)):
            print("  " + f)
        sys.exit(1)
    print("AT-SPI: ok")


if __name__ == "__main__":
    main()
