#!/usr/bin/env python3
"""Independent reference implementation of Counterweight's model 2.

Written from the specification alone (MODEL.md, FORMAT.md, FACTS.md and CLI.md
of model 2; docs/methodology.md is the project's own account of it), never from
the Rust model code, to cross-check the Rust binary (see tools/crosscheck.py).

Model 2 adds: negative growth and inflation (-0.5 .. 1); transfers inside the
UK (redundancy pay, uplifted, and regulatory fines) added back in net social
value, regulatory fines also in the Exchequer view; `settings.central: Mean`
(expected values); redundancy on office closures and by the Civil Service
Compensation Scheme; the four readings of the claim; ratios null when
|claimed| < 1.

Scenario representation (a plain dict mirroring the RON file; missing optional
keys take the FORMAT.md defaults):

  value     : float | {"Tri": [lo, mode, hi]} | {"Pert": [lo, mode, hi]} | {"Uniform": [lo, hi]}
  profile   : {"kind": "Once", "year": y}
              {"kind": "Annual", "from": y, "to": y|None}
              {"kind": "Spread", "from": y, "years": n}
              {"kind": "Ramp", "from": y, "years": n, "to": y|None}
              {"kind": "Custom", "from": y, "shares": [value, ...]}
  discounting: "GreenBook" | "GreenBookLowerRate" | "Undiscounted" | {"Constant": value}
  settings.central: "Mode" | "Mean"
  redundancy: {"terms": "Voluntary" | "Compulsory", "service_years": value}

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
    "transfers", "net_social_value", "exchequer_cost", "exchequer_net",
    "cumulative_discounted_net_social_value",
]

# Civil Service Compensation Scheme (FACTS.md, model 2)
SCHEME_CAP_MONTHS = {"Voluntary": 21.0, "Compulsory": 12.0}
SCHEME_PAY_FLOOR = 23000.0
SCHEME_PAY_CEILING = 149820.0


# ---------------------------------------------------------------- values

def central(v, mode="Mode"):
    """Central value. Mode: point x; Tri/Pert mode; Uniform midpoint.
    Mean (model 2): Tri (lo+mode+hi)/3, Pert (lo+4 mode+hi)/6, Uniform midpoint."""
    if isinstance(v, dict):
        if "Tri" in v:
            lo, mo, hi = (float(x) for x in v["Tri"])
            return (lo + mo + hi) / 3.0 if mode == "Mean" else mo
        if "Pert" in v:
            lo, mo, hi = (float(x) for x in v["Pert"])
            return (lo + 4.0 * mo + hi) / 6.0 if mode == "Mean" else mo
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


def discount_factors(discounting, horizon, mode="Mode"):
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
        r = central(discounting["Constant"], mode)
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


def profile_weight(p, Y, last_year, mode="Mode"):
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
            return central(shares[i], mode)
        return 0.0
    raise ValueError("unknown profile %r" % (k,))


def profile_amount(A, p, Y, last_year, growth=0.0, nominal=False,
                   inflation=0.02, price_base_year=None, mode="Mode"):
    """Amount of a flow in calendar year Y: profile, then growth, then nominal deflation."""
    k = p["kind"]
    if k == "Spread":
        x = (A / p["years"]) if p["from"] <= Y < p["from"] + p["years"] else 0.0
    else:
        w = profile_weight(p, Y, last_year, mode)
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
    mode = st.get("central", "Mode")
    c_ = lambda v: central(v, mode)
    start = int(st["start_year"])
    H = int(st["horizon_years"])
    last = start + H - 1
    pby = st.get("price_base_year", start)
    disc = st.get("discounting", "GreenBook")
    infl = c_(st.get("inflation", 0.02))
    ob = st.get("optimism_bias", {}) or {}
    u = c_(ob.get("costs_uplift", 0.0))
    h = c_(ob.get("savings_haircut", 0.0))

    a = dict(DEFAULT_ASSUMPTIONS)
    a.update(s.get("assumptions", {}) or {})
    m = c_(a["months_out_of_work"])
    sc_ = c_(a["wage_scarring"])
    K = int(a["scarring_years"])
    M_default = c_(a["local_multiplier"])
    wl = c_(a["wellbeing_loss"])
    V = c_(a["wellby_value"])
    tau = c_(a["exchequer_tax_rate"])
    B = c_(a["benefit_per_year"])

    years = list(range(start, last + 1))
    dfs = discount_factors(disc, H, mode)

    def flow_series(f):
        A = c_(f["amount"])
        g = c_(f.get("growth", 0.0))
        nom = bool(f.get("nominal", False))
        return [profile_amount(A, f["profile"], Y, last, g, nom, infl, pby, mode) for Y in years]

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
    redundancy = z()    # redundancy alone (before uplift): a transfer
    fines_in, fines_out = z(), z()
    data_fines = z()
    LE, LK, WB, XC, DH, PA = z(), z(), z(), z(), z(), z()

    for f in s.get("fines", []):
        A = c_(f["amount"])
        p = c_(f.get("probability", 1.0))
        for t, Y in enumerate(years):
            x = p * profile_amount(A, f["profile"], Y, last, mode=mode)
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

    def redundancy_pay(item, D, W, y):
        """D . W . months / 12 in the year of displacement; by the scheme,
        months = min(service_years, cap) and W clamped to the pay floor/ceiling."""
        sch = item.get("redundancy")
        if sch is not None:
            months = min(c_(sch["service_years"]), SCHEME_CAP_MONTHS[sch["terms"]])
            W = min(max(W, SCHEME_PAY_FLOOR), SCHEME_PAY_CEILING)
        else:
            months = c_(item.get("redundancy_months", 0.0))
        if start <= y <= last:
            x = D * W * months / 12.0
            oneoffs[y - start] += x
            redundancy[y - start] += x

    for j in s.get("job_moves", []):
        D = c_(j["jobs"])
        W = c_(j["salary"])
        y = j["year"]
        M = c_(j["local_multiplier"]) if j.get("local_multiplier") is not None else M_default
        redundancy_pay(j, D, W, y)
        displace(D, W, y, M)

    for c in s.get("office_closures", []):
        g = lambda key: c_(c.get(key, 0.0))
        n = g("offices")
        y = c["year"]
        M = c_(c["local_multiplier"]) if c.get("local_multiplier") is not None else M_default
        if start <= y <= last:
            oneoffs[y - start] += n * g("closure_cost_per_office")
            oneoffs[y - start] += g("staff_relocated") * g("relocation_cost_per_person")
        for t, Y in enumerate(years):
            if Y > y:
                prop_raw[t] += n * g("running_cost_per_office")
                PA[t] += g("public_access_cost")
        redundancy_pay(c, g("jobs_lost"), g("salary"), y)
        displace(g("jobs_lost"), g("salary"), y, M)

    for r in s.get("data_risks", []):
        p = c_(r["annual_probability"])
        to = r.get("to")
        if to is None:
            to = last
        for t, Y in enumerate(years):
            if r["from"] <= Y <= to:
                data_fines[t] += p * c_(r.get("regulatory_fine", 0.0))
                DH[t] += p * c_(r["records"]) * c_(r["exposed_share"]) * c_(r["harm_per_record"])

    rows = []
    cum = 0.0
    for t, Y in enumerate(years):
        S = (1.0 - h) * sav_raw[t]
        PS = (1.0 - h) * prop_raw[t]
        FI = fines_in[t]
        DC = (1.0 + u) * (cost_raw[t] + oneoffs[t]) + fines_out[t] + data_fines[t]
        NS = S + PS + FI - DC
        SC = LE[t] + LK[t] + WB[t] + DH[t] + PA[t]
        RF = data_fines[t]
        TR = (1.0 + u) * redundancy[t] + RF
        NSV = NS + TR - SC
        EX = NS + RF - XC[t]
        cum += dfs[t] * NSV
        rows.append({
            "year": Y, "discount_factor": dfs[t],
            "savings": S, "property_savings": PS, "fines_received": FI,
            "department_costs": DC, "net_savings": NS,
            "lost_earnings": LE[t], "local_knock_on": LK[t], "wellbeing": WB[t],
            "data_harm": DH[t], "public_access": PA[t], "social_cost": SC,
            "transfers": TR, "net_social_value": NSV, "exchequer_cost": XC[t], "exchequer_net": EX,
            "cumulative_discounted_net_social_value": cum,
        })

    def tot(key, disc_):
        return sum((r["discount_factor"] if disc_ else 1.0) * r[key] for r in rows)

    keys = [("net_savings", "net_savings"), ("social_cost", "social_cost"),
            ("transfers", "transfers"),
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

    # A ratio to net savings under £1 is not meaningful (docs/json.md): null.
    scpp = npv["social_cost"] / npv["net_savings"] if npv["net_savings"] >= 1.0 else None

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
            span = range(t0, t1 + 1)
            ratio = lambda x: (x / claimed) if abs(claimed) >= 1.0 else None
            modelled = sum(rows[t]["net_savings"] for t in span)
            readings = [
                ("gross", sum(rows[t]["savings"] + rows[t]["property_savings"] for t in span)),
                ("net", modelled),
                ("net_present_value", sum(rows[t]["discount_factor"] * rows[t]["net_savings"] for t in span)),
                ("net_social", sum(rows[t]["net_social_value"] for t in span)),
            ]
            claim = {
                "claimed": claimed,
                "first_year": years[t0], "last_year": years[t1],
                "modelled_net_savings": modelled,
                "ratio": ratio(modelled),
                "readings": [{"reading": k, "modelled": x, "ratio": ratio(x)} for k, x in readings],
            }

    return {
        "model": 2,
        "central": mode,
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

    # Model 2, worked by hand.
    # Expected values: Tri(3, 9, 18) -> 10 months; Pert(0, 3, 12) -> 4; Uniform(2, 4) -> 3.
    check("mean of Tri(3, 9, 18)", central({"Tri": [3, 9, 18]}, "Mean"), 10.0, 1e-12)
    check("mean of Pert(0, 3, 12)", central({"Pert": [0, 3, 12]}, "Mean"), 4.0, 1e-12)
    check("mode of Pert(0, 3, 12)", central({"Pert": [0, 3, 12]}), 3.0, 1e-12)
    # Growth -2 %, nominal, inflation -0.5 %, year 2: 100 . 0.98^2 / 0.995^2 = 97.00765
    x = profile_amount(100.0, {"kind": "Annual", "from": 2014}, 2016, 2020, growth=-0.02,
                       nominal=True, inflation=-0.005, price_base_year=2014)
    check("eroding nominal saving, year 2", x, 97.00765, 0.00001)
    # 100 workers on £20,000 (floor £23,000), 30 years' service, compulsory (cap 12):
    # redundancy = 100 . 23,000 . 12 / 12 = £2.3m, uplift 10 % -> transfer £2.53m.
    s = {"settings": {"start_year": 2020, "horizon_years": 1, "discounting": "Undiscounted",
                      "optimism_bias": {"costs_uplift": 0.1}},
         "assumptions": {"months_out_of_work": 0.0, "wage_scarring": 0.0},
         "job_moves": [{"label": "j", "jobs": 100, "year": 2020, "salary": 20000,
                        "redundancy": {"terms": "Compulsory", "service_years": 30}}],
         "data_risks": [{"label": "r", "records": 0, "from": 2020, "annual_probability": 0.5,
                         "exposed_share": 0, "harm_per_record": 0, "regulatory_fine": 1e6}]}
    r = compute(s)
    y = r["years"][0]
    check("scheme redundancy as a transfer (£m)", y["transfers"] / 1e6, 2.53 + 0.5, 1e-9)
    check("net social value nets transfers out", y["net_social_value"], 0.0, 1e-6)
    check("Exchequer view nets the fine out", y["exchequer_net"], -2.53e6, 1e-6)

    print("selftest:", "PASSED" if ok else "FAILED")
    return ok


if __name__ == "__main__":
    if "--selftest" in sys.argv[1:]:
        sys.exit(0 if _selftest() else 1)
    print(__doc__)
