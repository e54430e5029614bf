#!/usr/bin/env python3
"""Independent reference implementation of Counterweight's MODEL.md.

Written from /work/shared/spec/MODEL.md, FORMAT.md and FACTS.md alone (not from
the Rust model code), to cross-check the Rust binary (see tools/crosscheck.py).

Scenario representation (a plain dict mirroring the RON file; missing optional
keys take the FORMAT.md defaults):

  value     : float | {"Tri": [lo, mode, hi]} | {"Pert": [lo, mode, hi]} | {"Uniform": [lo, hi]}
  profile   : {"kind": "Once", "year": y}
              {"kind": "Annual", "from": y, "to": y|None}
              {"kind": "Spread", "from": y, "years": n}
              {"kind": "Ramp", "from": y, "years": n, "to": y|None}
              {"kind": "Custom", "from": y, "shares": [value, ...]}
  discounting: "GreenBook" | "GreenBookLowerRate" | "Undiscounted" | {"Constant": value}

Deterministic result only (central values; fines and data risks as
expectations). Returns a dict with the CLI.md `report --json` keys.

Run `python3 tools/reference_model.py --selftest` for the hand-worked cases.
"""

import math
import sys

# FACTS.md defaults for Assumptions
DEFAULT_ASSUMPTIONS = {
    "months_out_of_work": {"Tri": [3.0, 9.0, 18.0]},
    "wage_scarring": 0.10,
    "scarring_years": 2,
    "local_multiplier": 1.3,
    "wellbeing_loss": 0.6,
    "wellby_value": 13000.0,
    "exchequer_tax_rate": 0.25,
    "benefit_per_year": 5100.0,
}

YEAR_KEYS = [
    "year", "discount_factor",
    "savings", "property_savings", "fines_received",
    "department_costs", "net_savings",
    "lost_earnings", "local_knock_on", "wellbeing",
    "data_harm", "public_access", "social_cost",
    "net_social_value", "exchequer_cost", "exchequer_net",
    "cumulative_discounted_net_social_value",
]


# ---------------------------------------------------------------- values

def central(v):
    """Central value: point x; Tri/Pert mode; Uniform midpoint."""
    if isinstance(v, dict):
        if "Tri" in v:
            return float(v["Tri"][1])
        if "Pert" in v:
            return float(v["Pert"][1])
        if "Uniform" in v:
            lo, hi = v["Uniform"]
            return (float(lo) + float(hi)) / 2.0
        raise ValueError("unknown value form %r" % (v,))
    return float(v)


# ---------------------------------------------------------------- discounting

GB_RATES = ((30, 0.035), (75, 0.030), (125, 0.025), (200, 0.020), (300, 0.015))
GB_LOWER_RATES = ((30, 0.0300), (75, 0.0257), (125, 0.0214))


def _band_rate(bands, t):
    for upper, r in bands:
        if t <= upper:
            return r
    return bands[-1][1]


def discount_factors(discounting, horizon):
    """DF_t for t = 0..horizon-1."""
    if discounting is None:
        discounting = "GreenBook"
    dfs = []
    if discounting in ("GreenBook", "GreenBookLowerRate"):
        bands = GB_RATES if discounting == "GreenBook" else GB_LOWER_RATES
        df = 1.0
        for t in range(horizon):
            if t > 0:
                df = df / (1.0 + _band_rate(bands, t))
            dfs.append(df)
    elif discounting == "Undiscounted":
        dfs = [1.0] * horizon
    elif isinstance(discounting, dict) and "Constant" in discounting:
        r = central(discounting["Constant"])
        dfs = [(1.0 + r) ** (-t) for t in range(horizon)]
    else:
        raise ValueError("unknown discounting %r" % (discounting,))
    return dfs


def discounting_name(discounting):
    if discounting is None:
        return "GreenBook"
    if isinstance(discounting, dict):
        return "Constant"
    return discounting


# ---------------------------------------------------------------- profiles

def profile_first_year(p):
    return p["year"] if p["kind"] == "Once" else p["from"]


def profile_weight(p, Y, last_year):
    """Multiplier on the amount A in calendar year Y (before growth/nominal).
    `last_year` is the horizon's last calendar year (for omitted `to`)."""
    k = p["kind"]
    if k == "Once":
        return 1.0 if Y == p["year"] else 0.0
    if k == "Annual":
        to = p.get("to")
        if to is None:
            to = last_year
        return 1.0 if p["from"] <= Y <= to else 0.0
    if k == "Spread":
        n = p["years"]
        return (1.0 / n) if p["from"] <= Y < p["from"] + n else 0.0  # A / years
    if k == "Ramp":
        to = p.get("to")
        if to is None:
            to = last_year
        if p["from"] <= Y <= to:
            return min(1.0, (Y - p["from"] + 1) / p["years"])
        return 0.0
    if k == "Custom":
        i = Y - p["from"]
        shares = p.get("shares", [])
        if 0 <= i < len(shares):
            return central(shares[i])
        return 0.0
    raise ValueError("unknown profile %r" % (k,))


def profile_amount(A, p, Y, last_year, growth=0.0, nominal=False,
                   inflation=0.02, price_base_year=None):
    """Amount of a flow in calendar year Y: profile, then growth, then nominal deflation."""
    k = p["kind"]
    if k == "Spread":
        x = (A / p["years"]) if p["from"] <= Y < p["from"] + p["years"] else 0.0
    else:
        w = profile_weight(p, Y, last_year)
        x = A * w
    if x == 0.0:
        return 0.0
    if growth != 0.0:
        x = x * (1.0 + growth) ** (Y - profile_first_year(p))
    if nominal:
        x = x / (1.0 + inflation) ** (Y - price_base_year)
    return x


# ---------------------------------------------------------------- model

def compute(s):
    st = s["settings"]
    start = int(st["start_year"])
    H = int(st["horizon_years"])
    last = start + H - 1
    pby = st.get("price_base_year", start)
    disc = st.get("discounting", "GreenBook")
    infl = central(st.get("inflation", 0.02))
    ob = st.get("optimism_bias", {}) or {}
    u = central(ob.get("costs_uplift", 0.0))
    h = central(ob.get("savings_haircut", 0.0))

    a = dict(DEFAULT_ASSUMPTIONS)
    a.update(s.get("assumptions", {}) or {})
    m = central(a["months_out_of_work"])
    sc_ = central(a["wage_scarring"])
    K = int(a["scarring_years"])
    M_default = central(a["local_multiplier"])
    wl = central(a["wellbeing_loss"])
    V = central(a["wellby_value"])
    tau = central(a["exchequer_tax_rate"])
    B = central(a["benefit_per_year"])

    years = list(range(start, last + 1))
    dfs = discount_factors(disc, H)

    def flow_series(f):
        A = central(f["amount"])
        g = central(f.get("growth", 0.0))
        nom = bool(f.get("nominal", False))
        return [profile_amount(A, f["profile"], Y, last, g, nom, infl, pby) for Y in years]

    z = lambda: [0.0] * H
    sav_raw, cost_raw = z(), z()
    for f in s.get("savings", []):
        for t, x in enumerate(flow_series(f)):
            sav_raw[t] += x
    for f in s.get("costs", []):
        for t, x in enumerate(flow_series(f)):
            cost_raw[t] += x

    prop_raw = z()      # before haircut
    oneoffs = z()       # redundancy + closure one-offs + relocation (before uplift)
    fines_in, fines_out = z(), z()
    data_fines = z()
    LE, LK, WB, XC, DH, PA = z(), z(), z(), z(), z(), z()

    for f in s.get("fines", []):
        A = central(f["amount"])
        p = central(f.get("probability", 1.0))
        for t, Y in enumerate(years):
            x = p * profile_amount(A, f["profile"], Y, last)
            if f["direction"] == "FromSupplier":
                fines_in[t] += x
            else:
                fines_out[t] += x

    def displace(D, W, y, M):
        if y > last:
            return
        k = 0
        while y + k <= last:
            t = y + k - start
            uk = min(max((m - 12.0 * k) / 12.0, 0.0), 1.0)
            le = D * W * (uk + (sc_ * (1.0 - uk) if k < K else 0.0))
            LE[t] += le
            LK[t] += (M - 1.0) * le
            WB[t] += D * uk * wl * V
            XC[t] += tau * le + D * uk * B
            k += 1

    for j in s.get("job_moves", []):
        D = central(j["jobs"])
        W = central(j["salary"])
        y = j["year"]
        M = central(j["local_multiplier"]) if j.get("local_multiplier") is not None else M_default
        rm = central(j.get("redundancy_months", 0.0))
        if start <= y <= last:
            oneoffs[y - start] += D * W * rm / 12.0
        displace(D, W, y, M)

    for c in s.get("office_closures", []):
        g = lambda key: central(c.get(key, 0.0))
        n = g("offices")
        y = c["year"]
        M = central(c["local_multiplier"]) if c.get("local_multiplier") is not None else M_default
        if start <= y <= last:
            oneoffs[y - start] += n * g("closure_cost_per_office")
            oneoffs[y - start] += g("staff_relocated") * g("relocation_cost_per_person")
        for t, Y in enumerate(years):
            if Y > y:
                prop_raw[t] += n * g("running_cost_per_office")
                PA[t] += g("public_access_cost")
        displace(g("jobs_lost"), g("salary"), y, M)

    for r in s.get("data_risks", []):
        p = central(r["annual_probability"])
        to = r.get("to")
        if to is None:
            to = last
        for t, Y in enumerate(years):
            if r["from"] <= Y <= to:
                data_fines[t] += p * central(r.get("regulatory_fine", 0.0))
                DH[t] += p * central(r["records"]) * central(r["exposed_share"]) * central(r["harm_per_record"])

    rows = []
    cum = 0.0
    for t, Y in enumerate(years):
        S = (1.0 - h) * sav_raw[t]
        PS = (1.0 - h) * prop_raw[t]
        FI = fines_in[t]
        DC = (1.0 + u) * (cost_raw[t] + oneoffs[t]) + fines_out[t] + data_fines[t]
        NS = S + PS + FI - DC
        SC = LE[t] + LK[t] + WB[t] + DH[t] + PA[t]
        NSV = NS - SC
        EX = NS - XC[t]
        cum += dfs[t] * NSV
        rows.append({
            "year": Y, "discount_factor": dfs[t],
            "savings": S, "property_savings": PS, "fines_received": FI,
            "department_costs": DC, "net_savings": NS,
            "lost_earnings": LE[t], "local_knock_on": LK[t], "wellbeing": WB[t],
            "data_harm": DH[t], "public_access": PA[t], "social_cost": SC,
            "net_social_value": NSV, "exchequer_cost": XC[t], "exchequer_net": EX,
            "cumulative_discounted_net_social_value": cum,
        })

    def tot(key, disc_):
        return sum((r["discount_factor"] if disc_ else 1.0) * r[key] for r in rows)

    keys = [("net_savings", "net_savings"), ("social_cost", "social_cost"),
            ("net_social_value", "net_social_value"), ("exchequer_net", "exchequer_net")]
    npv = {k: tot(src, True) for k, src in keys}
    cash = {k: tot(src, False) for k, src in keys}

    # Payback: first calendar year from which cumulative discounted NSV stays >= 0
    # to the end of the horizon; none if it ends below 0.
    payback = None
    for t in range(H - 1, -1, -1):
        if rows[t]["cumulative_discounted_net_social_value"] >= 0.0:
            payback = rows[t]["year"]
        else:
            break

    scpp = npv["social_cost"] / npv["net_savings"] if npv["net_savings"] > 0.0 else None

    # Claim check
    claim = None
    marked = [f for f in s.get("savings", []) if f.get("claim", False)]
    if marked:
        claimed = 0.0
        touched = []
        for f in marked:
            ser = flow_series(f)
            for t, x in enumerate(ser):
                claimed += x
                if x != 0.0:
                    touched.append(t)
        if touched:
            t0, t1 = min(touched), max(touched)
            modelled = sum(rows[t]["net_savings"] for t in range(t0, t1 + 1))
            claim = {
                "claimed": claimed,
                "first_year": years[t0], "last_year": years[t1],
                "modelled_net_savings": modelled,
                "ratio": (modelled / claimed) if claimed != 0.0 else None,
            }

    return {
        "title": s.get("title", ""),
        "start_year": start, "horizon_years": H, "price_base_year": pby,
        "discounting": discounting_name(disc),
        "npv": npv, "cash": cash,
        "payback_year": payback,
        "social_cost_per_pound_saved": scpp,
        "claim": claim,
        "years": rows,
    }


# ---------------------------------------------------------------- self-test

def _selftest():
    ok = True

    def check(name, got, want, tol):
        nonlocal ok
        good = abs(got - want) <= tol
        ok &= good
        print("%-4s %s: got %.6f, want %s" % ("ok" if good else "FAIL", name, got, want))

    # "£100m over 7 years" from year 0 at Green Book rates: NPV £90.41m
    s = {"settings": {"start_year": 2014, "horizon_years": 10},
         "savings": [{"label": "claim", "amount": 100e6,
                      "profile": {"kind": "Spread", "from": 2014, "years": 7}}]}
    r = compute(s)
    check("£100m over 7 years, NPV (£m)", r["npv"]["net_savings"] / 1e6, 90.41, 0.005)

    dfs = discount_factors("GreenBook", 51)
    for t, want in ((1, 0.9662), (10, 0.7089), (30, 0.3563), (31, 0.3459), (50, 0.1973)):
        check("Green Book DF year %d" % t, dfs[t], want, 0.00005)
    check("£1,000 in year 1", 1000 * dfs[1], 966, 0.5)
    check("£1,000 in year 10", 1000 * dfs[10], 709, 0.5)

    # £1,000 nominal in year 5 at 2 % = £906 real
    x = profile_amount(1000.0, {"kind": "Once", "year": 2019}, 2019, 2030,
                       nominal=True, inflation=0.02, price_base_year=2014)
    check("£1,000 nominal year 5 at 2 %", x, 906, 0.5)
    s = {"settings": {"start_year": 2014, "horizon_years": 6, "inflation": 0.02},
         "costs": [{"label": "c", "amount": 1000.0, "nominal": True,
                    "profile": {"kind": "Once", "year": 2019}}]}
    r = compute(s)
    check("… through compute()", r["years"][5]["department_costs"], 906, 0.5)

    print("selftest:", "PASSED" if ok else "FAILED")
    return ok


if __name__ == "__main__":
    if "--selftest" in sys.argv[1:]:
        sys.exit(0 if _selftest() else 1)
    print(__doc__)
