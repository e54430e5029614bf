#!/usr/bin/python3
"""Walks the Counterweight window as a screen reader (Orca) sees it, over
the Linux accessibility bus (AT-SPI), and checks what the kittest audit
(src/app/tests/a11y.rs) checks on the AccessKit tree:

- every focusable node has a name, and no two share one;
- every combo box says what it holds;
- every chart is an image named "Chart: <title>" whose description holds
  the title and a figure in pounds;
- no name starts with a symbol (an emoji icon);
- a bad entry is described by its message after the field is left.

With --tab N it also presses Tab N times from the top of the window and
prints what the bus reports at each stop (role, name, description, value),
the way a screen reader would read it.

Usage: atspi_walk.py [--tab N] [--log FILE]   (the app must be running)
"""

import argparse
import re
import subprocess
import sys
import time

import pyatspi

APP = "counterweight"


def find_app(timeout=60.0):
    """The app on the bus: its AccessKit adapter registers a few seconds in."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            a = desktop.getChildAtIndex(i)
            if a is not None and (a.name or "").lower() == APP:
                if a.childCount > 0:
                    return a
        time.sleep(0.5)
    sys.exit(f"FAIL: no '{APP}' application on the accessibility bus after {timeout:.0f} s")


def text_value(node):
    """What the node holds, as a screen reader reads it: its text, else its
    numeric value."""
    try:
        t = node.queryText()
        return t.getText(0, t.characterCount)
    except NotImplementedError:
        pass
    try:
        return str(node.queryValue().currentValue)
    except NotImplementedError:
        return None


def walk(node, depth=0, out=None):
    """Every node under `node` with its role, name, description and states."""
    if out is None:
        out = []
    if depth > 60:
        return out
    try:
        states = node.getState()
        seen = {
            "node": node,
            "role": node.getRoleName(),
            "name": node.name or "",
            "description": node.description or "",
            "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
            "showing": states.contains(pyatspi.STATE_SHOWING),
            "focused": states.contains(pyatspi.STATE_FOCUSED),
            "pressed": states.contains(pyatspi.STATE_PRESSED)
            or states.contains(pyatspi.STATE_CHECKED),
        }
    except Exception as e:  # a node that went while walking
        print(f"  (node gone: {e})")
        return out
    out.append(seen)
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            walk(child, depth + 1, out)
    return out


def click(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i).lower() in ("click", "press", "activate", "default"):
            action.doAction(i)
            return
    action.doAction(0)


def unfold_everything(app):
    """Clicks every section header (a toggle button) that is not pressed,
    until none is left; returns how many were unfolded."""
    unfolded = 0
    tried = set()
    for _ in range(400):
        folded = [
            s
            for s in walk(app)
            if s["role"] == "toggle button" and not s["pressed"] and s["name"] not in tried
        ]
        if not folded:
            return unfolded
        s = folded[0]
        tried.add(s["name"])
        click(s["node"])
        unfolded += 1
        time.sleep(0.15)
    return unfolded


def problems(nodes):
    out = []
    names = {}
    for s in nodes:
        if not s["focusable"]:
            continue
        if not s["name"].strip():
            out.append(f"a focusable {s['role']} has no name")
        names[s["name"]] = names.get(s["name"], 0) + 1
        if s["name"] and ord(s["name"][0]) >= 0x2190 and not s["name"][0].isalnum():
            out.append(f"{s['role']} {s['name']!r} starts with a symbol")
    for name, n in names.items():
        if n > 1 and name:
            out.append(f"{n} focusable nodes are named {name!r}")
    for s in nodes:
        if s["role"] == "combo box":
            value = text_value(s["node"])
            if not value and not s["description"].startswith("Currently "):
                out.append(f"combo box {s['name']!r} says nothing of its value")
    for s in nodes:
        if s["role"] == "image" and s["name"].startswith("Chart: "):
            title = s["name"][len("Chart: "):]
            if title not in s["description"]:
                out.append(f"chart {title!r}: its description lacks its title")
            if not re.search(r"£-?\d", s["description"][len(title):].replace(title, "")):
                out.append(f"chart {title!r}: its description has no figure")
    return out


def tabs_of(app, list_name):
    nodes = walk(app)
    return [s for s in nodes if s["role"] == "page tab"]


def key(k):
    subprocess.run(["xdotool", "key", "--clearmodifiers", k], check=True)


def tab_through(app, presses, log):
    """Presses Tab and records what the bus says has focus at each stop."""
    stops = []
    for i in range(presses):
        key("Tab")
        time.sleep(0.12)
        focused = [s for s in walk(app) if s["focused"] and s["role"] != "frame"]
        if not focused:
            line = f"{i + 1:3}: (nothing focused)"
        else:
            s = focused[-1]
            value = text_value(s["node"])
            line = f"{i + 1:3}: {s['role']} {s['name']!r}"
            if value:
                line += f" = {value[:60]!r}"
            if s["description"]:
                line += f" — {s['description'][:80]!r}"
            if not s["showing"]:
                line += " [NOT SHOWING]"
        stops.append(line)
        print(line, file=log)
    return stops


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tab", type=int, default=0)
    ap.add_argument("--log", default="-")
    ap.add_argument("--bad-entry", action="store_true")
    args = ap.parse_args()
    log = sys.stdout if args.log == "-" else open(args.log, "w", encoding="utf-8")

    start = time.time()
    app = find_app()
    print(f"on the bus after {time.time() - start:.1f} s: {app.name}, {app.childCount} window(s)")
    window = app.getChildAtIndex(0)
    print(f"window: {window.getRoleName()} {window.name!r}")
    failures = []
    if not window.name:
        failures.append("the window has no name")

    scenario_tabs = [s for s in walk(app) if s["role"] == "page tab" and s["node"].parent.name == "Open scenarios"]
    print(f"{len(scenario_tabs)} scenario tab(s)")
    for t in scenario_tabs or [None]:
        if t is not None:
            click(t["node"])
            time.sleep(0.5)
        n = unfold_everything(app)
        views = [s for s in walk(app) if s["role"] == "page tab" and s["node"].parent.name == "Results views"]
        label = t["name"] if t else window.name
        for v in views or [None]:
            if v is not None:
                click(v["node"])
                time.sleep(0.4)
            nodes = walk(app)
            focusable = sum(1 for s in nodes if s["focusable"])
            found = problems(nodes)
            charts = [s for s in nodes if s["role"] == "image" and s["name"].startswith("Chart: ")]
            vname = v["name"] if v else "-"
            print(f"{label} / {vname}: {len(nodes)} nodes, {focusable} focusable, "
                  f"{len(charts)} chart(s), {n} sections unfolded, {len(found)} problem(s)")
            failures += [f"{label} / {vname}: {p}" for p in found]
            if focusable < 100:
                failures.append(f"{label} / {vname}: only {focusable} focusable nodes")

    if args.bad_entry:
        failures += bad_entry(app)
    if args.tab:
        first = [s for s in walk(app) if s["focusable"]][0]
        first["node"].queryComponent().grabFocus()
        time.sleep(0.2)
        print(f"\nTab through {args.tab} stops (the log has them all):")
        stops = tab_through(app, args.tab, log)
        for line in stops[:15]:
            print(line)
        not_showing = [s for s in stops if "NOT SHOWING" in s]
        if not_showing:
            failures.append(f"{len(not_showing)} Tab stops not showing, first: {not_showing[0]}")
    print(f"walked in {time.time() - start:.1f} s")
    if failures:
        print(f"\n{len(failures)} problem(s):")
        for f in failures:
            print("  " + f)
        sys.exit(1)
    print("AT-SPI: ok")


def bad_entry(app):
    """Types text that is not money into the first money field, leaves it
    with Tab, and checks the field is described by the message."""
    money = [
        s for s in walk(app)
        if s["role"] == "text" and s["focusable"] and (text_value(s["node"]) or "").startswith("£")
    ]
    if not money:
        return ["no money field to type into"]
    target = money[0]
    name = target["name"]
    target["node"].queryComponent().grabFocus()
    time.sleep(0.2)
    key("ctrl+a")
    subprocess.run(["xdotool", "type", "--delay", "30", "abc"], check=True)
    time.sleep(0.3)
    key("Tab")
    time.sleep(0.4)
    field = [s for s in walk(app) if s["name"] == name and s["role"] == "text"]
    if not field:
        return [f"the field {name!r} went after a bad entry"]
    f = field[0]
    value = text_value(f["node"])
    print(f"bad entry in {name!r}: now {value!r}, described {f['description']!r}")
    out = []
    if "expected an amount of money" not in f["description"]:
        out.append(f"{name!r}: not described by its error after a bad entry: {f['description']!r}")
    if value != "abc":
        out.append(f"{name!r}: the typed text went on leaving the field ({value!r})")
    return out


if __name__ == "__main__":
    main()
