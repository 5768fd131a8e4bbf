"""The unmik-2004 forced-return policy encoded in OpenFisca, as its documentation recommends:
persons and households as entities, vectorised formulas (no Python loop over persons), the list
read and written with pandas. It screens the same readmission list as Drom's benchmark, checks
that both give the same outcome on every row, and reports the ratio of wall times.

This is a benchmark peer, not part of Drom: the policy's source of truth is
policies/unmik-2004.toml, and this file mirrors its rules and Drom's handling of unknown facts.

    python screen.py --input ../../data/readmission.csv --drom-out ../../data/drom-out.csv \
        --drom-seconds ../../data/drom-time.txt
"""

import argparse
import sys
import time
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
from openfisca_core import periods
from openfisca_core.entities import build_entity
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

REPO = Path(__file__).resolve().parents[3]
# Formulas need a dated period (an eternal one has no start date for choosing a formula).
ETERNITY = periods.DateUnit.YEAR
PERIOD = periods.period("2005")

Person = build_entity(key="person", plural="persons", label="A person on the readmission list", is_person=True)
Household = build_entity(
    key="household",
    plural="households",
    label="A family: rows sharing a household_id",
    roles=[{"key": "member", "plural": "members", "label": "Member"}],
)

COMMUNITIES = ["albanian", "serb", "bosniak", "turkish", "roma", "ashkali", "egyptian", "gorani", "croat", "montenegrin", "other"]
C = {c: i for i, c in enumerate(COMMUNITIES)}
# Tri-state facts: 0 unknown, 1 no, 2 yes. Rule states: 0 false, 1 true, 2 undecided.
UNKNOWN, NO, YES = 0, 1, 2
FALSE, TRUE, UNDECIDED = 0, 1, 2
# Majority of the municipality of origin: a community index, or these.
ORIGIN_UNKNOWN, ORIGIN_CONTESTED = -1, -3
FACTS = [
    "informed_consent",
    "mixed_marriage",
    "mixed_ethnicity",
    "perceived_regime_association",
    "serious_protection_risk",
    "severe_illness_untreatable",
    "severe_mental_illness_untreatable",
    "severe_disability",
    "elderly_without_support",
    "trafficking_victim",
    "best_interests_determination",
]


def person_input(name, label):
    return type(name, (Variable,), {"value_type": int, "entity": Person, "definition_period": ETERNITY, "label": label})


INPUTS = [
    person_input("community", "community index, -1 unknown"),
    person_input("origin_majority", "majority community of the municipality of origin"),
    person_input("return_type", "0 unknown, 1 forced, 2 voluntary"),
    person_input("cared_for_disability", "severe_disability of the person cared for, -1 if not a caregiver"),
    person_input("malformed", "1 when the row could not be read"),
] + [person_input(f, f) for f in FACTS]


def both(a, b):
    """Three-valued AND of two rule-condition states."""
    return np.where((a == FALSE) | (b == FALSE), FALSE, np.where((a == UNDECIDED) | (b == UNDECIDED), UNDECIDED, TRUE))


def community_in(person, codes):
    c = person("community", PERIOD)
    return np.where(c < 0, UNDECIDED, np.where(np.isin(c, [C[x] for x in codes]), TRUE, FALSE))


def fact(person, name):
    v = person(name, PERIOD)
    return np.where(v == YES, TRUE, np.where(v == NO, FALSE, UNDECIDED))


def rule(name, formula):
    return type(name, (Variable,), {
        "value_type": int, "entity": Person, "definition_period": ETERNITY, "label": name,
        "formula": lambda person, period, parameters: formula(person),
    })


def minority_in_origin(person):
    c = person("community", PERIOD)
    m = person("origin_majority", PERIOD)
    listed = np.isin(c, [C["albanian"], C["bosniak"]])
    return np.select(
        [c < 0, ~listed, m == ORIGIN_UNKNOWN, m == ORIGIN_CONTESTED, m == c],
        [UNDECIDED, FALSE, UNDECIDED, UNDECIDED, FALSE],
        TRUE,
    )


def caregiver(person):
    t = person("cared_for_disability", PERIOD)
    return np.select([t == YES, t == UNKNOWN], [TRUE, UNDECIDED], FALSE)


RULES = {
    "serb_rae": lambda p: community_in(p, ["serb", "roma", "ashkali", "egyptian"]),
    "minority_in_origin": minority_in_origin,
    "serious_protection_problem": lambda p: fact(p, "serious_protection_risk"),
    "mixed_marriage_rule": lambda p: both(community_in(p, ["albanian"]), fact(p, "mixed_marriage")),
    "mixed_ethnicity_rule": lambda p: fact(p, "mixed_ethnicity"),
    "perceived_regime_association_rule": lambda p: both(
        community_in(p, ["albanian", "gorani", "bosniak"]), fact(p, "perceived_regime_association")
    ),
    "severe_illness": lambda p: fact(p, "severe_illness_untreatable"),
    "severe_mental_illness": lambda p: fact(p, "severe_mental_illness_untreatable"),
    "severe_disability_rule": lambda p: fact(p, "severe_disability"),
    "caregiver_of_severely_disabled": caregiver,
    "elderly_without_support_rule": lambda p: fact(p, "elderly_without_support"),
}


def may_be_forced(person):
    return (person("return_type", PERIOD) != 2) & (person("malformed", PERIOD) == 0)


def own_protected(person):
    states = np.stack([person(r, PERIOD) for r in RULES])
    return (may_be_forced(person) & (states == TRUE).any(axis=0)).astype(int)


def own_pending(person):
    states = np.stack([person(r, PERIOD) for r in RULES])
    undecided = (states == UNDECIDED).any(axis=0) & (person("own_protected", PERIOD) == 0)
    forced_or_unknown = person("return_type", PERIOD) != 2
    return (forced_or_unknown & (undecided & may_be_forced(person) | (person("malformed", PERIOD) == 1))).astype(int)


def household_protected(household):
    return household.sum(household.members("own_protected", PERIOD))


def household_pending(household):
    return household.sum(household.members("own_pending", PERIOD))


NA, PROTECTED, NO_BAR = 0, 1, 2


def outcome(person):
    own_p = person("own_protected", PERIOD)
    own_u = person("own_pending", PERIOD)
    others_p = person.household("household_protected", PERIOD) - own_p > 0
    others_u = person.household("household_pending", PERIOD) - own_u > 0
    exempt = person("best_interests_determination", PERIOD) == YES
    rt = person("return_type", PERIOD)
    malformed = person("malformed", PERIOD) == 1
    voluntary = rt == 2
    consent = person("informed_consent", PERIOD) == YES
    return np.select(
        [malformed, voluntary & consent, voluntary, own_p == 1, others_p & ~exempt, own_u == 1, others_u & ~exempt, rt == 0],
        [NA, NO_BAR, NA, PROTECTED, PROTECTED, NA, NA, NA],
        NO_BAR,
    )


def variable(name, entity, f):
    return type(name, (Variable,), {
        "value_type": int, "entity": entity, "definition_period": ETERNITY, "label": name,
        "formula": lambda e, period, parameters: f(e),
    })


class Unmik2004(TaxBenefitSystem):
    def __init__(self):
        super().__init__([Household, Person])
        self.add_variables(*INPUTS)
        self.add_variables(*[rule(n, f) for n, f in RULES.items()])
        self.add_variables(
            variable("own_protected", Person, own_protected),
            variable("own_pending", Person, own_pending),
            variable("household_protected", Household, household_protected),
            variable("household_pending", Household, household_pending),
            variable("outcome", Person, outcome),
        )


_SERBIAN = dict(zip("абвгдђежзијклљмнњопрстћуфхцчџш", ["a", "b", "v", "g", "d", "dj", "e", "z", "z", "i", "j", "k", "l", "lj", "m", "n", "nj", "o", "p", "r", "s", "t", "c", "u", "f", "h", "c", "c", "dz", "s"]))
_SERBIAN.update({"đ": "dj", "ð": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "þ": "th"})


def fold(text):
    """Drom's folding (drom_domain::fold): case, diacritics and script ignored."""
    out = []
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif ch in _SERBIAN:
            out.append(_SERBIAN[ch])
        elif ch.isalnum():
            base = "".join(d for d in unicodedata.normalize("NFD", ch) if d.isascii() and d.isalnum())
            out.append(base or " ")
        else:
            out.append(" ")
    return " ".join("".join(out).split())


def municipality_majorities():
    """Folded name form -> majority community index, as find_municipality matches names."""
    ref = pd.read_csv(REPO / "crates/drom-store/reference/kosovo_municipalities.csv", dtype=str)
    forms = {}
    for sq, sr, majority in zip(ref.albanian_name, ref.serbian_name, ref.majority_community):
        value = C.get(majority, ORIGIN_CONTESTED)
        names = [fold(sq).replace(" ", "-").replace("-", " "), fold(sq), fold(sr)]
        for name in (sq, sr):
            if "(" in name:
                before, after = name.split("(", 1)
                names += [fold(before), fold(after)]
        for n in names:
            forms.setdefault(" ".join(n.split()), value)
    return forms


def screen(input_path, output_path):
    tbs = Unmik2004()
    facts = {f: "string" for f in FACTS}
    df = pd.read_csv(input_path, dtype=str, keep_default_na=False, na_filter=False, engine="c")
    n = len(df)
    malformed = np.zeros(n, dtype=bool)

    community = df["community"].map(C)
    malformed |= community.isna().to_numpy() & (df["community"] != "").to_numpy()
    community = community.fillna(-1).astype(int).to_numpy()

    forms = municipality_majorities()
    # One lookup per distinct spelling, not per person.
    unique = pd.Series(df["municipality_of_origin"].unique())
    majority_of = dict(zip(unique, unique.map(lambda s: forms.get(fold(s), -2) if s else ORIGIN_UNKNOWN)))
    origin = df["municipality_of_origin"].map(majority_of).to_numpy()
    malformed |= origin == -2

    rt = df["return_type"].map({"": 0, "forced": 1, "voluntary": 2})
    malformed |= rt.isna().to_numpy()
    rt = rt.fillna(0).astype(int).to_numpy()

    tri = {"": UNKNOWN, "unknown": UNKNOWN, "no": NO, "yes": YES}
    values = {}
    for f in FACTS:
        v = df[f].map(tri)
        malformed |= v.isna().to_numpy()
        values[f] = v.fillna(UNKNOWN).astype(int).to_numpy()

    ids = pd.Index(df["request_id"])
    target = ids.get_indexer(df["caregiver_for"])
    has_target = (df["caregiver_for"] != "").to_numpy()
    malformed |= has_target & (target < 0)
    cared = np.where(has_target & (target >= 0), values["severe_disability"][np.maximum(target, 0)], -1)

    household = df["household_id"].to_numpy(dtype=object)
    alone = household == ""
    household = np.where(alone, "~" + df["request_id"].to_numpy(dtype=object), household)
    household_ids, membership = np.unique(household.astype(str), return_inverse=True)

    sb = SimulationBuilder()
    sb.create_entities(tbs)
    sb.declare_person_entity("person", np.arange(n))
    households = sb.declare_entity("household", np.arange(len(household_ids)))
    sb.join_with_persons(households, membership, np.zeros(n, dtype=int))
    sim = sb.build(tbs)
    sim.set_input("community", PERIOD, community)
    sim.set_input("origin_majority", PERIOD, origin)
    sim.set_input("return_type", PERIOD, rt)
    sim.set_input("cared_for_disability", PERIOD, cared)
    sim.set_input("malformed", PERIOD, malformed.astype(int))
    for f in FACTS:
        sim.set_input(f, PERIOD, values[f])
    result = sim.calculate("outcome", PERIOD)
    names = np.array(["needs_assessment", "protected", "no_bar_found"])
    pd.DataFrame({"request_id": df["request_id"], "outcome": names[result]}).to_csv(output_path, index=False)
    return n


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--input", required=True)
    a.add_argument("--drom-out", required=True)
    a.add_argument("--drom-seconds", required=True)
    a.add_argument("--out", default=None)
    args = a.parse_args()
    out = args.out or str(Path(args.input).with_name("openfisca-out.csv"))
    t = time.perf_counter()
    rows = screen(args.input, out)
    secs = time.perf_counter() - t
    print(f"openfisca-core (unmik-2004, vectorised): {rows} rows in {secs:.3f} s, {rows / secs:.0f} rows/s")
    mine = pd.read_csv(out, dtype=str, keep_default_na=False)
    drom = pd.read_csv(args.drom_out, dtype=str, keep_default_na=False, usecols=["request_id", "outcome"])
    same = (mine["request_id"].to_numpy() == drom["request_id"].to_numpy()) & (mine["outcome"].to_numpy() == drom["outcome"].to_numpy())
    differ = int((~same).sum())
    print(f"outcomes: {len(drom) - differ} of {len(drom)} rows agree with Drom; {differ} differ")
    counts = drom["outcome"].value_counts().to_dict()
    print(f"  outcome counts: {counts}")
    if differ:
        print(pd.concat([mine[~same].head(5), drom[~same].head(5)], axis=1).to_string())
    drom_secs = float(Path(args.drom_seconds).read_text().split()[0])
    print(f"Drom {drom_secs:.3f} s vs OpenFisca {secs:.3f} s: Drom is {secs / drom_secs:.1f}x faster")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
