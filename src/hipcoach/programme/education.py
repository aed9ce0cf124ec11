"""Education: one short tip a programme week, each with its source.

Education plus exercise ranks above exercise alone for patellofemoral pain (Winters 2021
network meta-analysis; all three groups in Hott 2020 had education and all improved; for
runners, education alone did as well as education plus exercise or gait retraining in
Esculier 2018). The tips follow ``evidence.md`` §4, §5, §8 and §9: they explain and suggest,
they never promise a cure or a timeline. The order puts what a runner needs first early: what
the pain is, the pain rules, when to see a physiotherapist (swelling, locking, night pain) and
what to expect, in weeks 1-4. A week that pain shapes takes its tip from the pain instead
(see :mod:`hipcoach.programme.generator`): a pause, the pain rules or when to see a
physiotherapist; a step-down, the pain rules; running pain, run-walk.
"""

from __future__ import annotations

from hipcoach.models import Tip

TREK_PAIN = "TREK / La Trobe My Knee Cap: mykneecap.trekeducation.org (how much pain is OK)"
TREK_RUNNERS = (
    "TREK / La Trobe, runners with kneecap pain: patellofemoral.trekeducation.org/runners"
)
ESCULIER_2020 = (
    "Esculier et al., J Athl Train 2020, managing runners with patellofemoral pain "
    "(pmc.ncbi.nlm.nih.gov/articles/PMC7740062)"
)
ESCULIER_2018 = (
    "Esculier, Bouyer et al., Br J Sports Med 2018 (education vs exercise vs gait retraining)"
)
CROSSLEY_2016 = (
    "Crossley et al. 2016, patellofemoral pain consensus statement, Br J Sports Med 50:844"
)
COLLINS_2018 = (
    "Collins et al. 2018, 5th patellofemoral pain retreat consensus, Br J Sports Med 52:1170"
)
WILLY_2019 = "Willy et al. 2019, patellofemoral pain clinical practice guideline, JOSPT 49(9)"

TIPS: tuple[Tip, ...] = (
    Tip(
        key="what_it_is",
        title="What runner's knee is",
        text=(
            "Patellofemoral pain is a kneecap joint that has become sensitive to load: too much, "
            "too soon, for what it is used to. Once a clinician has confirmed it is kneecap "
            "pain, it is not a sign of damage, and pain during exercise does not mean harm "
            "when it stays within the limits."
        ),
        source=f"{CROSSLEY_2016}; {ESCULIER_2020}",
    ),
    Tip(
        key="pain_rules",
        title="The pain rules",
        text=(
            "During the exercises pain may reach 5/10, while running 2/10; it should settle "
            "within an hour and the knee should be no worse the next morning. Tell hipcoach "
            "with `checkin --pain N --run-pain N`, adding --lingered or --worse-next-morning."
        ),
        source=TREK_PAIN,
    ),
    Tip(
        key="see_a_physio",
        title="When to see a physiotherapist",
        text=(
            "See one if the knee swells, locks or gives way, if pain wakes you at night, if it "
            "keeps rising week on week, or if it stays above 2/10 for two weeks despite the "
            "changes. hipcoach cannot examine your knee; a physio can."
        ),
        source=f"{WILLY_2019}; {TREK_PAIN}",
    ),
    Tip(
        key="what_to_expect",
        title="What to expect",
        text=(
            "In the trials most people's pain eased over weeks, but everyone is different and "
            "about half still have some pain years later. Steady work within the pain rules "
            "matters more than any single week; hipcoach cannot promise a timeline."
        ),
        source=f"{COLLINS_2018}; Ferber et al., J Athl Train 2015; Dolak et al., JOSPT 2011",
    ),
    Tip(
        key="hip_and_knee",
        title="Why hip and knee",
        text=(
            "The guidelines recommend strengthening both the hip and the thigh muscles that "
            "control the knee: from week 3 every week has knee work (wall sit to step-down) "
            "and hip rotation next to the article's hip exercises."
        ),
        source=f"{WILLY_2019}; {COLLINS_2018}",
    ),
    Tip(
        key="load_management",
        title="Manage the load",
        text=(
            "Keep running if it stays within the pain rules, but cut what provokes it: split a "
            "long run into two shorter ones, cut weekly distance before intensity, and build "
            "back gradually."
        ),
        source=f"{ESCULIER_2020}; {TREK_RUNNERS}",
    ),
    Tip(
        key="run_walk",
        title="Run-walk",
        text=(
            "If a continuous run hurts, try 4 minutes running, 1 minute walking: the same time "
            "on your feet with less load on the kneecap. Lengthen the running bits as the pain "
            "allows."
        ),
        source=TREK_RUNNERS,
    ),
    Tip(
        key="slow_down",
        title="Slow down a little",
        text=(
            "Running 10-20 % slower lowers the load on the kneecap with each step. Easy runs "
            "should feel easy; keep the faster sessions for when the knee is calm."
        ),
        source=TREK_RUNNERS,
    ),
    Tip(
        key="hills_and_stairs",
        title="Hills, downhills and stairs",
        text=(
            "Downhill running and stairs load the kneecap most. While it is sore, choose flat "
            "routes, walk the steep descents, and come back to hills gradually."
        ),
        source=TREK_RUNNERS,
    ),
    Tip(
        key="cadence",
        title="A slightly quicker step",
        text=(
            "Taking 5-10 % more steps a minute at the same pace shortens the stride and eases "
            "the kneecap, most useful if you run at about 170 steps a minute or fewer. Change "
            "it a little at a time, with a metronome or your watch."
        ),
        source=TREK_RUNNERS,
    ),
    Tip(
        key="sleep",
        title="Sleep and recovery",
        text=(
            "Tissues adapt between sessions, not during them. Short sleep, stress and piling "
            "on training at once make pain more likely; a rest day after a hard week is "
            "training too."
        ),
        source=ESCULIER_2020,
    ),
    Tip(
        key="habit",
        title="Keep the habit",
        text=(
            "In the trials the gains of 6-8 weeks of exercise held at 6 and 12 months, but the "
            "benefit shrinks over the years and about half of people still have some pain "
            "later: after the first weeks hipcoach keeps two short sessions a week and keeps "
            "climbing slowly. Two sessions you do beat three you skip."
        ),
        source=(
            f"Khayambashi et al., Arch Phys Med Rehabil 2014 (6 months); Fukuda et al., JOSPT "
            f"2012 (12 months); {COLLINS_2018}"
        ),
    ),
    Tip(
        key="shoes_and_surfaces",
        title="Shoes and surfaces",
        text=(
            "There is little evidence that one shoe or surface fixes kneecap pain. If you "
            "change shoes, do it gradually and change one thing at a time, so you can tell "
            "what helps."
        ),
        source=f"{COLLINS_2018}; {ESCULIER_2020}",
    ),
    Tip(
        key="after_a_break",
        title="Coming back after a break",
        text=(
            "After time off, build back over weeks rather than returning to your old week at "
            "once: start with shorter, easier runs and add a little each week while the pain "
            "rules hold."
        ),
        source=ESCULIER_2020,
    ),
    Tip(
        key="education_matters",
        title="Knowing helps",
        text=(
            "Understanding the pain and managing load is part of the treatment: in a trial of "
            "runners, education alone did as well as education plus exercise or a new running "
            "style. The exercises here add strength; the tips help you use it."
        ),
        source=f"{ESCULIER_2018}; Hott et al., Scand J Med Sci Sports 2020",
    ),
)


_BY_KEY = {tip.key: tip for tip in TIPS}


def tip_by_key(key: str) -> Tip:
    """The tip with this key (a KeyError names a tip that does not exist: a bug)."""
    return _BY_KEY[key]


def tip_for_week(week: int) -> Tip:
    """The tip of programme week ``week`` (1-based; the library repeats after its end)."""
    return TIPS[(max(1, week) - 1) % len(TIPS)]
