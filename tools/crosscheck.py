#!/usr/bin/env python3
"""Cross-check the Rust `counterweight report --json` against the independent
Python reference model (tools/reference_model.py) on random valid scenarios.

Usage:
  python3 tools/crosscheck.py --n 500 --seed 1 --bin target/debug/counterweight

Each scenario is written as a RON file (FORMAT.md) under --dir (default
/tmp/xcheck-scenarios/seed<S>), the binary is run on it, and every number in
the JSON (npv, cash, years[*] every key, payback_year,
social_cost_per_pound_saved, claim incl. null-ness and its four readings,
model, central) is compared with the reference:
|a-b| <= max(1e-9 * max(|a|,|b|), 1e-6).

Model 2: the generator uses every new feature — negative growth and inflation,
settings.central Mean, redundancy on closures, CivilService redundancy on job
moves and closures (either terms, pay below the floor and above the ceiling),
regulatory fines (transfers), assumption notes, the optimism-bias note, and
rank correlations (which must not move any central figure).
"""

import argparse
import json
import math
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_model as ref  # noqa: E402

REL, ABS = 1e-9, 1e-6


# ------------------------------------------------------------------ RON writer

def ron_num(x):
    if isinstance(x, bool):
        raise TypeError
    if isinstance(x, int):
        return str(x)
    assert math.isfinite(x)
    return repr(float(x))


def ron_str(s):
    out = ['"']
    for ch in s:
        if ch == '\\':
            out.append('\\\\')
        elif ch == '"':
            out.append('\\"')
        elif ch == '\n':
            out.append('\\n')
        elif ch == '\t':
            out.append('\\t')
        elif ord(ch) < 0x20 or ord(ch) == 0x7f:
            out.append('\\u{%x}' % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def ron_value(v):
    if isinstance(v, dict):
        (k, args), = v.items()
        return "%s(%s)" % (k, ", ".join(ron_num(a) for a in args))
    return ron_num(v)


def ron_profile(p):
    k = p["kind"]
    if k == "Once":
        return "Once(%d)" % p["year"]
    if k == "Annual":
        return "Annual(from: %d%s)" % (p["from"], "" if p.get("to") is None else ", to: %d" % p["to"])
    if k == "Spread":
        return "Spread(from: %d, years: %d)" % (p["from"], p["years"])
    if k == "Ramp":
        return "Ramp(from: %d, years: %d%s)" % (
            p["from"], p["years"], "" if p.get("to") is None else ", to: %d" % p["to"])
    if k == "Custom":
        return "Custom(from: %d, shares: [%s])" % (p["from"], ", ".join(ron_value(x) for x in p["shares"]))
    raise ValueError(k)


def ron_struct(name, fields, indent):
    """fields: list of (key, rendered) ; rendered already RON text."""
    pad = "    " * (indent + 1)
    inner = "".join("%s%s: %s,\n" % (pad, k, v) for k, v in fields)
    return "%s(\n%s%s)" % (name, inner, "    " * indent)


def to_ron(s):
    """Write the scenario dict as RON text following FORMAT.md."""
    def item_fields(item, spec):
        out = []
        for key, kind in spec:
            if key not in item or item[key] is None:
                continue
            v = item[key]
            if kind == "str":
                out.append((key, ron_str(v)))
            elif kind == "val":
                out.append((key, ron_value(v)))
            elif kind == "int":
                out.append((key, str(int(v))))
            elif kind == "bool":
                out.append((key, "true" if v else "false"))
            elif kind == "profile":
                out.append((key, ron_profile(v)))
            elif kind == "ident":
                out.append((key, v))
            elif kind == "scheme":
                out.append((key, "CivilService(terms: %s, service_years: %s)"
                            % (v["terms"], ron_value(v["service_years"]))))
        return out

    top = [("format_version", "1"), ("title", ron_str(s["title"]))]
    for k in ("summary", "author"):
        if k in s:
            top.append((k, ron_str(s[k])))
    if "marking" in s:
        top.append(("marking", s["marking"]))
    st = s["settings"]
    sf = [("start_year", str(st["start_year"])), ("horizon_years", str(st["horizon_years"]))]
    if "price_base_year" in st:
        sf.append(("price_base_year", str(st["price_base_year"])))
    if "discounting" in st:
        d = st["discounting"]
        sf.append(("discounting", d if isinstance(d, str) else "Constant(%s)" % ron_value(d["Constant"])))
    if "inflation" in st:
        sf.append(("inflation", ron_value(st["inflation"])))
    if "optimism_bias" in st:
        ob = st["optimism_bias"]
        obf = [(k, ron_value(ob[k])) for k in ("costs_uplift", "savings_haircut") if k in ob]
        if "note" in ob:
            obf.append(("note", ron_str(ob["note"])))
        sf.append(("optimism_bias", ron_struct("OptimismBias", obf, 2)))
    if "monte_carlo" in st:
        mc = st["monte_carlo"]
        sf.append(("monte_carlo", "MonteCarlo(draws: %d, seed: %d)" % (mc["draws"], mc["seed"])))
    if "central" in st:
        sf.append(("central", st["central"]))
    top.append(("settings", ron_struct("Settings", sf, 1)))
    if "assumptions" in s:
        a = s["assumptions"]
        af = []
        for k in ("months_out_of_work", "wage_scarring", "scarring_years", "local_multiplier",
                  "wellbeing_loss", "wellby_value", "exchequer_tax_rate", "benefit_per_year"):
            if k in a:
                af.append((k, str(a[k]) if k == "scarring_years" else ron_value(a[k])))
        if "notes" in a:
            af.append(("notes", "{%s}" % ", ".join("%s: %s" % (ron_str(k), ron_str(v))
                                                 for k, v in a["notes"].items())))
        top.append(("assumptions", ron_struct("Assumptions", af, 1)))

    flow_spec = [("label", "str"), ("amount", "val"), ("profile", "profile"), ("growth", "val"),
                 ("nominal", "bool"), ("claim", "bool"), ("note", "str")]
    fine_spec = [("label", "str"), ("amount", "val"), ("profile", "profile"),
                 ("probability", "val"), ("direction", "ident"), ("note", "str")]
    job_spec = [("label", "str"), ("jobs", "val"), ("year", "int"), ("salary", "val"),
                ("redundancy_months", "val"), ("redundancy", "scheme"), ("local_multiplier", "val"),
                ("note", "str")]
    clo_spec = [("label", "str"), ("offices", "val"), ("year", "int"),
                ("running_cost_per_office", "val"), ("closure_cost_per_office", "val"),
                ("jobs_lost", "val"), ("salary", "val"), ("staff_relocated", "val"),
                ("relocation_cost_per_person", "val"), ("public_access_cost", "val"),
                ("redundancy_months", "val"), ("redundancy", "scheme"),
                ("local_multiplier", "val"), ("note", "str")]
    risk_spec = [("label", "str"), ("records", "val"), ("from", "int"), ("to", "int"),
                 ("annual_probability", "val"), ("exposed_share", "val"),
                 ("harm_per_record", "val"), ("regulatory_fine", "val"), ("note", "str")]
    for key, name, spec in (("savings", "Flow", flow_spec), ("costs", "Flow", flow_spec),
                            ("fines", "Fine", fine_spec), ("job_moves", "JobMove", job_spec),
                            ("office_closures", "OfficeClosure", clo_spec),
                            ("data_risks", "DataRisk", risk_spec)):
        if key not in s:
            continue
        items = s[key]
        if not items:
            top.append((key, "[]"))
            continue
        body = "".join("        %s,\n" % ron_struct(name, item_fields(it, spec), 2) for it in items)
        top.append((key, "[\n%s    ]" % body))
    if s.get("correlations"):
        body = "".join("        Correlation(a: %s, b: %s, rank: %s),\n" % (ron_str(c["a"]), ron_str(c["b"]), ron_num(c["rank"]))
                       for c in s["correlations"])
        top.append(("correlations", "[\n%s    ]" % body))
    head = "// Counterweight scenario (crosscheck)\n"
    return head + ron_struct("Scenario", top, 0) + "\n"


# ------------------------------------------------------------------ generator

LABEL_BITS = ["Back-office", "Payroll", "IT \"shared\" service", "Estates", "Call centre",
              "Contract — management", "Data\\centre", "Offices £", "HR\nroles", "Tab\there"]


def gen_value(rng, lo, hi, p_dist=0.4, integer=False):
    """A Value with every number in [lo, hi]."""
    def num():
        r = rng.random()
        if r < 0.05:
            return lo
        if r < 0.10:
            return hi
        x = rng.uniform(lo, hi)
        if integer or rng.random() < 0.3:
            x = float(round(x))
            x = min(max(x, lo), hi)
        return x
    if rng.random() >= p_dist:
        x = num()
        if rng.random() < 0.2 and x == int(x) and abs(x) < 1e15:
            return int(x)  # bare integer literal
        return x
    kind = rng.choice(["Tri", "Pert", "Uniform"])
    if kind == "Uniform":
        a, b = sorted([num(), num()])
        return {"Uniform": [a, b]}
    xs = sorted([num(), num(), num()])
    if rng.random() < 0.05:
        xs = [xs[1]] * 3
    return {kind: xs}


def gen_year(rng, start, last, past=4):
    # 1900-2500: the binary's year range (src/scenario/validate.rs; not in FORMAT.md)
    return rng.randint(start, min(2500, last + past))


def gen_profile(rng, start, last, X=lambda n, w: n):
    k = rng.choice(["Once", "Annual", "Spread", "Ramp", "Custom"])
    if k == "Once":
        return {"kind": k, "year": gen_year(rng, start, last)}
    f = gen_year(rng, start, last)
    if k == "Annual":
        to = None if rng.random() < 0.4 else rng.randint(f, max(f, min(2500, last + 5)))
        return {"kind": k, "from": f, "to": to}
    if k == "Spread":
        return {"kind": k, "from": f, "years": rng.randint(1, X(12, 1000))}
    if k == "Ramp":
        to = None if rng.random() < 0.4 else rng.randint(f, max(f, min(2500, last + 5)))
        return {"kind": k, "from": f, "years": rng.randint(1, X(8, 1000)), "to": to}
    n = rng.randint(0, X(8, 150))
    shares = []
    for _ in range(n):
        if rng.random() < 0.2:
            shares.append(0.0)
        else:
            shares.append(gen_value(rng, 0.0, X(2.0, 1e6), p_dist=0.2))
    return {"kind": k, "from": f, "shares": shares}


def gen_scheme(rng, X):
    """Civil Service Compensation Scheme redundancy: years of service 0-100."""
    return {"terms": rng.choice(["Voluntary", "Compulsory"]),
            "service_years": gen_value(rng, 0.0, X(40.0, 100.0))}


def gen_label(rng, i):
    return "%s %d" % (rng.choice(LABEL_BITS), i)


def gen_scenario(rng):
    s = {"title": "Crosscheck %d" % rng.randint(0, 10 ** 6)}
    if rng.random() < 0.3:
        s["summary"] = "Random \"scenario\" — £"
    if rng.random() < 0.3:
        s["marking"] = rng.choice(["Unmarked", "Official", "OfficialSensitive"])
    wide = rng.random() < 0.25  # use the validator's full ranges
    X = lambda n, w: w if wide else n
    start = rng.randint(X(1990, 1900), X(2060, 2400))
    H = rng.randint(1, 40) if rng.random() < 0.85 else rng.randint(41, 100)
    last = start + H - 1
    st = {"start_year": start, "horizon_years": H}
    if rng.random() < 0.6:
        st["price_base_year"] = min(2500, max(1900, start + rng.randint(X(-10, -300), X(10, 300))))
    r = rng.random()
    if r < 0.15:
        pass
    elif r < 0.35:
        st["discounting"] = "GreenBook"
    elif r < 0.55:
        st["discounting"] = "GreenBookLowerRate"
    elif r < 0.8:
        st["discounting"] = {"Constant": gen_value(rng, 0.0, X(0.1, 1.0), p_dist=0.3)}
    else:
        st["discounting"] = "Undiscounted"
    if rng.random() < 0.6:
        # model 2: falling prices allowed, down to -0.5
        st["inflation"] = gen_value(rng, X(-0.02, -0.5) if rng.random() < 0.4 else 0.0, X(0.1, 1.0))
    if rng.random() < 0.6:
        ob = {}
        if rng.random() < 0.8:
            ob["costs_uplift"] = gen_value(rng, 0.0, X(2.0, 10.0))
        if rng.random() < 0.8:
            ob["savings_haircut"] = gen_value(rng, 0.0, X(0.9, 1.0))
        if rng.random() < 0.3:
            ob["note"] = "Upper bound: no \"mitigation\" yet"
        st["optimism_bias"] = ob
    if rng.random() < 0.3:
        st["monte_carlo"] = {"draws": rng.randint(1, 20000), "seed": rng.randint(0, 2 ** 31)}
    if rng.random() < 0.5:
        st["central"] = rng.choice(["Mode", "Mean"])
    s["settings"] = st

    if rng.random() < 0.7:
        a = {}
        ranges = {"months_out_of_work": (0.0, X(60.0, 1200.0)), "wage_scarring": (0.0, X(0.5, 1.0)),
                  "local_multiplier": (0.0, X(3.0, 10.0)), "wellbeing_loss": (0.0, X(2.0, 10.0)),
                  "wellby_value": (X(10000.0, 0.0), X(16000.0, 1e15)), "exchequer_tax_rate": (0.0, X(0.5, 1.0)),
                  "benefit_per_year": (0.0, X(10000.0, 1e15))}
        for k, (lo, hi) in ranges.items():
            if rng.random() < 0.6:
                if k == "months_out_of_work" and rng.random() < 0.1:
                    hi = 400.0
                a[k] = gen_value(rng, lo, hi)
        if rng.random() < 0.6:
            a["scarring_years"] = rng.randint(0, X(6, 100))
        if rng.random() < 0.3:
            names = sorted(ranges) + ["scarring_years"]
            a["notes"] = {k: "why %s changed" % k for k in rng.sample(names, rng.randint(1, 3))}
        s["assumptions"] = a

    def flows(claimable, neg):
        out = []
        for i in range(rng.randint(0, 4)):
            f = {"label": gen_label(rng, i),
                 "amount": gen_value(rng, X(-2e7, -1e15) if neg and rng.random() < 0.2 else 0.0, X(5e7, 1e15)),
                 "profile": gen_profile(rng, start, last, X)}
            if rng.random() < 0.4:
                # model 2: a saving that erodes, down to -0.5 a year
                f["growth"] = gen_value(rng, X(-0.05, -0.5) if rng.random() < 0.5 else 0.0, X(0.1, 1.0))
            if rng.random() < 0.3:
                f["nominal"] = rng.random() < 0.8
            if claimable and rng.random() < 0.5:
                f["claim"] = rng.random() < 0.85
            if rng.random() < 0.2:
                f["note"] = "note %d" % i
            out.append(f)
        return out

    if rng.random() < 0.9:
        s["savings"] = flows(True, True)
    if rng.random() < 0.9:
        s["costs"] = flows(False, True)
    if rng.random() < 0.6:
        fines = []
        for i in range(rng.randint(0, 3)):
            f = {"label": gen_label(rng, i), "amount": gen_value(rng, 0.0, X(5e6, 1e15)),
                 "profile": gen_profile(rng, start, last, X),
                 "direction": rng.choice(["FromSupplier", "ByAuthority"])}
            if rng.random() < 0.7:
                f["probability"] = gen_value(rng, 0.0, 1.0)
            fines.append(f)
        s["fines"] = fines
    if rng.random() < 0.7:
        jm = []
        for i in range(rng.randint(0, 3)):
            j = {"label": gen_label(rng, i), "jobs": gen_value(rng, 0.0, X(2000.0, 1e10), integer=True),
                 "year": gen_year(rng, start, last, past=3), "salary": gen_value(rng, 0.0, X(60000.0 if rng.random() < 0.7 else 200000.0, 1e15))}
            r = rng.random()
            if r < 0.35:
                j["redundancy_months"] = gen_value(rng, 0.0, X(21.0, 1200.0))
            elif r < 0.7:
                j["redundancy"] = gen_scheme(rng, X)
            if rng.random() < 0.4:
                j["local_multiplier"] = gen_value(rng, 0.0, X(3.0, 10.0))
            jm.append(j)
        s["job_moves"] = jm
    if rng.random() < 0.6:
        oc = []
        for i in range(rng.randint(0, 3)):
            c = {"label": gen_label(rng, i), "offices": gen_value(rng, 0.0, X(40.0, 1e10), integer=True),
                 "year": gen_year(rng, start, last, past=3)}
            for k, hi in (("running_cost_per_office", 3e6), ("closure_cost_per_office", 1e6),
                          ("jobs_lost", 1500.0), ("salary", 60000.0), ("staff_relocated", 200.0),
                          ("relocation_cost_per_person", 20000.0), ("public_access_cost", 2e6)):
                if rng.random() < 0.75:
                    c[k] = gen_value(rng, 0.0, X(hi, 1e10 if k in ("jobs_lost", "staff_relocated") else 1e15))
            r = rng.random()
            if r < 0.3:
                c["redundancy_months"] = gen_value(rng, 0.0, X(21.0, 1200.0))
            elif r < 0.6:
                c["redundancy"] = gen_scheme(rng, X)
            if rng.random() < 0.4:
                c["local_multiplier"] = gen_value(rng, 0.0, X(3.0, 10.0))
            oc.append(c)
        s["office_closures"] = oc
    if rng.random() < 0.6:
        dr = []
        for i in range(rng.randint(0, 3)):
            f = gen_year(rng, start, last, past=3)
            d = {"label": gen_label(rng, i), "records": gen_value(rng, 0.0, X(1e7, 1e10)),
                 "from": f, "annual_probability": gen_value(rng, 0.0, 1.0),
                 "exposed_share": gen_value(rng, 0.0, 1.0), "harm_per_record": gen_value(rng, 0.0, X(300.0, 1e15))}
            if rng.random() < 0.5:
                d["to"] = rng.randint(f, max(f, min(2500, last + 4)))
            if rng.random() < 0.7:
                d["regulatory_fine"] = gen_value(rng, 0.0, X(2e7, 1e15))
            dr.append(d)
        s["data_risks"] = dr
    # Model 2: a rank correlation between two uncertain inputs. Monte Carlo
    # only: the central results compared here must not move.
    months = (s.get("assumptions") or {}).get("months_out_of_work", DEFAULT_MONTHS)
    if s.get("savings") and isinstance(s["savings"][0]["amount"], dict) and isinstance(months, dict) \
            and rng.random() < 0.5:
        s["correlations"] = [{"a": "savings[0].amount", "b": "assumptions.months_out_of_work",
                              "rank": round(rng.uniform(-0.9, 0.9), 3)}]
    return s


DEFAULT_MONTHS = {"Tri": [3.0, 9.0, 18.0]}



# ------------------------------------------------------------------ edge cases

def _base(start=2020, H=10, **settings):
    st = {"start_year": start, "horizon_years": H}
    st.update(settings)
    return {"title": "edge", "settings": st}


def _flow(amount, profile, **kw):
    f = {"label": "f", "amount": amount, "profile": profile}
    f.update(kw)
    return f


def edge_cases():
    """Hand-built scenarios for branches random generation rarely reaches."""
    E = []
    once = lambda y: {"kind": "Once", "year": y}
    # 0: nothing at all: cum NSV is 0 throughout -> payback = start year; scpp null; claim null
    E.append(_base())
    # 1: claims that cancel in the same year: claimed 0 -> ratio null, claim not null
    s = _base(); s["savings"] = [_flow(1e6, once(2022), claim=True), _flow(-1e6, once(2022), claim=True)]; E.append(s)
    # 2: claims that cancel across years
    s = _base(); s["savings"] = [_flow(1e6, once(2022), claim=True), _flow(-1e6, once(2025), claim=True)]; E.append(s)
    # 3: Custom shares with zeros at both ends
    s = _base(); s["savings"] = [_flow(1e6, {"kind": "Custom", "from": 2021, "shares": [0.0, 0.0, 1.0, 0.5, 0.0]}, claim=True)]
    s["costs"] = [_flow(3e5, {"kind": "Annual", "from": 2020, "to": None})]; E.append(s)
    # 4: marked flow with zero amount only -> claim null
    s = _base(); s["savings"] = [_flow(0.0, once(2022), claim=True), _flow(5e5, once(2022))]; E.append(s)
    # 5: marked flow entirely past the horizon -> claim null
    s = _base(); s["savings"] = [_flow(1e6, once(2035), claim=True), _flow(5e5, once(2022))]; E.append(s)
    # 6: claim flow crossing the horizon, plus one outside it
    s = _base(); s["savings"] = [_flow(7e6, {"kind": "Spread", "from": 2026, "years": 7}, claim=True),
                                 _flow(1e6, once(2031), claim=True)]; E.append(s)
    # 7: undiscounted, cumulative NSV returns exactly to 0 at the end
    s = _base(H=3, discounting="Undiscounted")
    s["costs"] = [_flow(100.0, once(2020))]; s["savings"] = [_flow(100.0, once(2022))]; E.append(s)
    # 8: NPV(NS) exactly 0 -> scpp null
    s = _base(H=1); s["costs"] = [_flow(5.0, once(2020))]; s["savings"] = [_flow(5.0, once(2020))]
    s["job_moves"] = [{"label": "j", "jobs": 10, "year": 2020, "salary": 20000}]; E.append(s)
    # 9-12: months out of work at 0, 12, 24 and 30, with scarring over 3 years
    for m in (0.0, 12.0, 24.0, 30.0):
        s = _base(H=6); s["assumptions"] = {"months_out_of_work": m, "wage_scarring": 0.2, "scarring_years": 3}
        s["job_moves"] = [{"label": "j", "jobs": 100, "year": 2021, "salary": 30000, "redundancy_months": 6}]; E.append(s)
    # 13: scarring_years 0; own local multiplier 0 (explicit) on a job move
    s = _base(H=4); s["assumptions"] = {"scarring_years": 0}
    s["job_moves"] = [{"label": "j", "jobs": 100, "year": 2020, "salary": 30000, "local_multiplier": 0.0}]; E.append(s)
    # 14: ByAuthority fine, probability omitted; FromSupplier with probability
    s = _base(); s["fines"] = [{"label": "a", "amount": 1e5, "profile": {"kind": "Annual", "from": 2022, "to": None}, "direction": "ByAuthority"},
                               {"label": "b", "amount": 2e5, "profile": once(2023), "direction": "FromSupplier", "probability": 0.25}]; E.append(s)
    # 15: nominal flows with price base year before and after the start
    for pby in (2010, 2030):
        s = _base(price_base_year=pby, inflation=0.03)
        s["costs"] = [_flow(1e6, {"kind": "Annual", "from": 2020, "to": None}, nominal=True, growth=0.01)]
        s["savings"] = [_flow(2e6, {"kind": "Ramp", "from": 2021, "years": 4, "to": None}, nominal=True, claim=True)]; E.append(s)
    # 17-18: horizon 100, both Green Book schedules
    for d in ("GreenBook", "GreenBookLowerRate"):
        s = _base(start=2000, H=100, discounting=d); s["savings"] = [_flow(1.0, {"kind": "Annual", "from": 2000, "to": None})]; E.append(s)
    # 19: job move past the horizon with redundancy; closure in the last year; closure past the horizon
    s = _base(H=5)
    s["job_moves"] = [{"label": "j", "jobs": 50, "year": 2026, "salary": 25000, "redundancy_months": 12}]
    s["office_closures"] = [{"label": "c", "offices": 2, "year": 2024, "running_cost_per_office": 1e6, "closure_cost_per_office": 2e5,
                             "jobs_lost": 30, "salary": 20000, "staff_relocated": 5, "relocation_cost_per_person": 8000, "public_access_cost": 1e5},
                            {"label": "d", "offices": 1, "year": 2027, "running_cost_per_office": 1e6, "jobs_lost": 10, "salary": 20000}]; E.append(s)
    # 20: negative savings flow with haircut; costs uplift; Constant(Uniform) discounting
    s = _base(discounting={"Constant": {"Uniform": [0.02, 0.06]}}, optimism_bias={"costs_uplift": 0.41, "savings_haircut": 0.2})
    s["savings"] = [_flow(-1e6, once(2021), claim=True), _flow(3e6, {"kind": "Spread", "from": 2020, "years": 3}, claim=True)]
    s["costs"] = [_flow({"Pert": [1e5, 2e5, 9e5]}, {"kind": "Annual", "from": 2020, "to": 2023})]; E.append(s)
    # 21: data risks, with and without `to`, starting past the horizon
    s = _base(H=5)
    s["data_risks"] = [{"label": "r", "records": 1e6, "from": 2021, "annual_probability": {"Tri": [0.0, 0.01, 0.05]},
                        "exposed_share": 0.5, "harm_per_record": 150, "regulatory_fine": 5e5},
                       {"label": "s", "records": 1e5, "from": 2022, "to": 2023, "annual_probability": 0.1,
                        "exposed_share": 1.0, "harm_per_record": 10},
                       {"label": "t", "records": 1e5, "from": 2030, "annual_probability": 0.1,
                        "exposed_share": 1.0, "harm_per_record": 10}]; E.append(s)
    # 22: Custom shares given as distributions, growth on a Once and a Custom
    s = _base(); s["savings"] = [_flow(1e6, {"kind": "Custom", "from": 2022, "shares": [{"Tri": [0, 0.5, 1]}, {"Uniform": [1, 3]}, 1]}, growth=0.05, claim=True),
                                 _flow(1e6, once(2024), growth=0.05)]; E.append(s)
    # 23: empty Custom shares marked as a claim -> claim null
    s = _base(); s["savings"] = [_flow(1e6, {"kind": "Custom", "from": 2022, "shares": []}, claim=True)]; E.append(s)
    # 24: a "claim: false" marked flow only -> claim null
    s = _base(); s["savings"] = [_flow(1e6, once(2022), claim=False)]; E.append(s)
    # 25: negative claimed total
    s = _base(); s["savings"] = [_flow(-2e6, once(2022), claim=True), _flow(1e6, once(2023), claim=True)]; E.append(s)
    # 26: months out of work beyond the horizon, own multiplier on a closure
    s = _base(H=3); s["assumptions"] = {"months_out_of_work": {"Pert": [10, 100, 400]}}
    s["office_closures"] = [{"label": "c", "offices": 1, "year": 2020, "jobs_lost": 10, "salary": 30000, "local_multiplier": 2.5}]; E.append(s)
    # 27: horizon 1
    s = _base(H=1); s["savings"] = [_flow(1e6, {"kind": "Annual", "from": 2020, "to": 2030}, claim=True)]; E.append(s)
    # Model 2.
    # 28: the scheme at both caps, pay below the floor, inside and above the ceiling; uplift on transfers
    s = _base(H=4, optimism_bias={"costs_uplift": 0.41})
    s["job_moves"] = [
        {"label": "a", "jobs": 100, "year": 2020, "salary": 18000,
         "redundancy": {"terms": "Voluntary", "service_years": 30}},
        {"label": "b", "jobs": 10, "year": 2021, "salary": 200000,
         "redundancy": {"terms": "Compulsory", "service_years": {"Tri": [5, 14, 30]}}},
        {"label": "c", "jobs": 10, "year": 2021, "salary": 40000,
         "redundancy": {"terms": "Compulsory", "service_years": 7}}]
    s["office_closures"] = [{"label": "d", "offices": 3, "year": 2022, "jobs_lost": 50, "salary": 25000,
                             "redundancy": {"terms": "Voluntary", "service_years": {"Pert": [2, 10, 40]}}},
                            {"label": "e", "offices": 1, "year": 2020, "jobs_lost": 20, "salary": 22000,
                             "redundancy_months": 6}]; E.append(s)
    # 29: expected values for every form, with a Constant(Tri) rate and Custom(Pert) shares
    s = _base(central="Mean", discounting={"Constant": {"Tri": [0.01, 0.02, 0.09]}},
              inflation={"Pert": [0.0, 0.01, 0.1]}, optimism_bias={"costs_uplift": {"Uniform": [0.1, 0.5]}})
    s["assumptions"] = {"months_out_of_work": {"Tri": [3, 9, 18]}, "wage_scarring": {"Pert": [0.0, 0.1, 0.5]}}
    s["savings"] = [_flow({"Tri": [70e6, 100e6, 110e6]}, {"kind": "Custom", "from": 2020, "shares": [{"Pert": [0, 0.5, 2]}, 1]},
                          nominal=True, claim=True, growth={"Tri": [-0.1, -0.02, 0.0]})]
    s["job_moves"] = [{"label": "j", "jobs": {"Tri": [80, 100, 150]}, "year": 2021, "salary": 24000,
                       "redundancy": {"terms": "Voluntary", "service_years": {"Tri": [4, 11, 25]}}}]; E.append(s)
    # 30: a claim under £1 in size -> ratios null; a claim of exactly £1 -> ratios present
    for amount in (0.5, 1.0):
        s = _base(); s["savings"] = [_flow(amount, once(2022), claim=True), _flow(5e5, once(2022))]; E.append(s)
    # 32: growth and inflation at -0.5, nominal, price base after the horizon
    s = _base(H=20, inflation=-0.5, price_base_year=2060)
    s["savings"] = [_flow(1e6, {"kind": "Annual", "from": 2020, "to": None}, growth=-0.5, nominal=True, claim=True)]; E.append(s)
    # 33: regulatory fines as transfers: Exchequer view and net social value
    s = _base(H=3, optimism_bias={"costs_uplift": 0.2})
    s["data_risks"] = [{"label": "r", "records": 1000, "from": 2020, "annual_probability": 0.25,
                        "exposed_share": 1.0, "harm_per_record": 100, "regulatory_fine": 2e6}]; E.append(s)
    return E

# ------------------------------------------------------------------ comparison

def close(a, b):
    return abs(a - b) <= max(REL * max(abs(a), abs(b)), ABS)


def compare(exp, got):
    """List of (key, expected, got) differences."""
    diffs = []

    def num(path, e, g):
        if e is None or g is None:
            if not (e is None and g is None):
                diffs.append((path, e, g))
            return
        if not isinstance(g, (int, float)) or isinstance(g, bool) or not close(float(e), float(g)):
            diffs.append((path, e, g))

    for k in ("model", "central", "start_year", "horizon_years", "price_base_year"):
        if exp[k] != got.get(k):
            diffs.append((k, exp[k], got.get(k)))
    d = got.get("discounting")
    if not (d == exp["discounting"] or (exp["discounting"] == "Constant" and isinstance(d, str)
                                        and d.startswith("Constant"))):
        diffs.append(("discounting", exp["discounting"], d))
    for grp in ("npv", "cash"):
        for k, e in exp[grp].items():
            num("%s.%s" % (grp, k), e, (got.get(grp) or {}).get(k))
    if exp["payback_year"] != got.get("payback_year"):
        diffs.append(("payback_year", exp["payback_year"], got.get("payback_year")))
    num("social_cost_per_pound_saved", exp["social_cost_per_pound_saved"],
        got.get("social_cost_per_pound_saved"))
    ec, gc = exp["claim"], got.get("claim")
    if (ec is None) != (gc is None):
        diffs.append(("claim", ec, gc))
    elif ec is not None:
        for k in ("first_year", "last_year"):
            if ec[k] != gc.get(k):
                diffs.append(("claim." + k, ec[k], gc.get(k)))
        for k in ("claimed", "modelled_net_savings", "ratio"):
            num("claim." + k, ec[k], gc.get(k))
        gr = gc.get("readings") or []
        if [r["reading"] for r in ec["readings"]] != [r.get("reading") for r in gr]:
            diffs.append(("claim.readings", ec["readings"], gr))
        else:
            for er, g in zip(ec["readings"], gr):
                for k in ("modelled", "ratio"):
                    num("claim.readings[%s].%s" % (er["reading"], k), er[k], g.get(k))
    gy = got.get("years") or []
    if len(gy) != len(exp["years"]):
        diffs.append(("len(years)", len(exp["years"]), len(gy)))
    for i, (ey, yy) in enumerate(zip(exp["years"], gy)):
        for k in ref.YEAR_KEYS:
            if k == "year":
                if ey[k] != yy.get(k):
                    diffs.append(("years[%d].year" % i, ey[k], yy.get(k)))
            else:
                num("years[%d].%s" % (i, k), ey[k], yy.get(k))
    return diffs


def run_one(args, i, seed, scenario=None, name=None):
    if scenario is None:
        rng = random.Random("%d-%d" % (seed, i))
        s = gen_scenario(rng)
        path = os.path.join(args.dir, "s%05d.ron" % i)
    else:
        s = scenario
        path = os.path.join(args.dir, name)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(to_ron(s))
    exp = ref.compute(s)
    p = subprocess.run([args.bin, "report", path, "--json"], capture_output=True, text=True)
    if p.returncode != 0:
        return path, [("<rejected by binary, exit %d>" % p.returncode, None, p.stderr.strip()[:2000])]
    try:
        got = json.loads(p.stdout)
    except ValueError as e:
        return path, [("<bad JSON>", None, str(e))]
    return path, compare(exp, got)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bin", default="target/debug/counterweight")
    ap.add_argument("--dir", default=None)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-edge", action="store_true", help="skip the hand-built edge cases")
    ap.add_argument("--show", type=int, default=5, help="differing keys shown per failure")
    ap.add_argument("--emit", action="store_true",
                    help="only write the N random scenarios to --dir (for other tests, such as the audit workbook's)")
    args = ap.parse_args()
    if args.emit:
        os.makedirs(args.dir, exist_ok=True)
        for i in range(args.n):
            rng = random.Random("%d-%d" % (args.seed, i))
            with open(os.path.join(args.dir, "s%05d.ron" % i), "w", encoding="utf-8") as fh:
                fh.write(to_ron(gen_scenario(rng)))
        return 0
    if args.dir is None:
        args.dir = "/tmp/xcheck-scenarios/seed%d" % args.seed
    os.makedirs(args.dir, exist_ok=True)
    with ThreadPoolExecutor(max_workers=args.jobs) as ex:
        results = []
        if not args.no_edge:
            results += [run_one(args, 0, 0, s, "edge%02d.ron" % k) for k, s in enumerate(edge_cases())]
        results += list(ex.map(lambda i: run_one(args, i, args.seed), range(args.n)))
    failed = [(p, d) for p, d in results if d]
    for path, diffs in failed:
        print("FAIL %s (%d differing values)" % (path, len(diffs)))
        for k, e, g in diffs[:args.show]:
            print("    %s: reference %r, binary %r" % (k, e, g))
    print("%d passed, %d failed" % (len(results) - len(failed), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
