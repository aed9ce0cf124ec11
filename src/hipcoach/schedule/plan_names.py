"""What a planned run's name says it is, in the languages running plans are written in
(English, Spanish, French, German, Italian, Portuguese, Dutch, Swedish, Danish/Norwegian,
Finnish, Polish): a race, a long run, a quality session (which one), or an easy run.

Pure and small: :mod:`.running_plan` weighs these against the run's planned size. A name is
only one clue ("Long intervals 3 x 2 km" is intervals, "Long easy" 8 km is no long run), so
each function answers one question and the classifier decides.
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE | re.UNICODE


def _words(*patterns: str) -> re.Pattern[str]:
    """One pattern matching any of ``patterns`` as whole words."""
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", _FLAGS)


#: a quality session's name → how hipcoach calls it; the specific kinds come first, so that
#: "Tempo 3 x 10 min" is a tempo run and "Hill repeats" a hill session, and the bare
#: repetition ("6 x 800 m", "séries", "ripetute") is an interval session
QUALITY: tuple[tuple[re.Pattern[str], str], ...] = (
    (_words(r"tempo\w*", r"ritmo\s+controlado", r"allure\s+tempo"), "tempo run"),
    (
        _words(
            r"threshold",
            r"lactate",
            r"umbral",
            r"seuil",
            r"schwell\w*",
            r"soglia",
            r"limiar",
            r"drempel\w*",
            r"tr[öo]skel\w*",
            r"kynnys\w*",
            r"progow\w*",
        ),
        "threshold run",
    ),
    (
        _words(
            r"hills?",
            r"hill\s*repeats?",
            r"cuestas?",
            r"c[ôo]tes?",
            r"h[üu]gel\w*",
            r"berg(?:l[äa]uf\w*|sprints?|intervall\w*)?",
            r"salit[ae]",
            r"subidas?",
            r"heuvel\w*",
            r"backar?",
            r"bakke\w*",
            r"m[äa]ki\w*",
            r"podbieg\w*",
        ),
        "hill session",
    ),
    (_words(r"fartlek"), "fartlek"),
    (_words(r"vo2\w*", r"vo₂\w*", r"vma", r"vam"), "VO2 session"),
    (_words(r"track", r"pista", r"piste", r"bahn\w*", r"baan\w*"), "track session"),
    (
        _words(
            r"race[\s-]*pace",
            r"marathon[\s-]*pace",
            r"goal[\s-]*pace",
            r"h?mp",
            r"ritmo\s+(?:de\s+)?(?:carrera|marat[óo]n|competici[óo]n|gara|prova)",
            r"allure\s+(?:sp[ée]cifique|marathon|semi|course)",
            r"wettkampf\w*tempo",
            r"renntempo",
            r"marathontempo",
            r"passo\s+gara",
        ),
        "race-pace run",
    ),
    (
        _words(
            r"intervals?",
            r"interval\w+",
            r"intervall\w*",
            r"repeats?",
            r"reps",
            r"r[ée]p[ée]titions?",
            r"s[ée]ries",
            r"fractionn[ée]\w*",
            r"ripetute",
            r"herhaling\w*",
            r"\d+\s*[x×]\s*\d+\w*",
        ),
        "interval session",
    ),
    (
        _words(
            r"speed",
            r"sprints?",
            r"anaerob\w*",
            r"vitesse",
            r"velocidad",
            r"velocit[àa]",
            r"schnelligkeit",
        ),
        "speed session",
    ),
)

#: named long: "Long Run", "Tirada larga", "Sortie longue", "Langer Lauf", "Lungo",
#: "Longão", "Lange duurloop", "Långpass", "Langtur", "Pitkä lenkki", "Długie wybieganie"
_LONG = _words(
    r"long",
    r"longue",
    r"larg[oa]s?",
    r"lange[rsn]?",
    r"lung[oa]",
    r"long[oa]",
    r"long[ãa]o",
    r"l[åa]ngpass",
    r"långt?",
    r"l[åa]ngl[öo]p\w*",
    r"langtur",
    r"pitk[äa]\w*",
    r"d[łl]ug\w*",
    r"lsd",
)

#: named easy (decides an unsized run): recovery, base, jog, and their likes
_EASY = _words(
    r"easy",
    r"recovery",
    r"base",
    r"aerobic",
    r"jog\w*",
    r"shake[\s-]*out",
    r"rodaje",
    r"suave",
    r"regenerativ[oa]",
    r"recuperaci[óo]n",
    r"f[áa]cil",
    r"footing",
    r"endurance\s+fondamentale",
    r"r[ée]cup[ée]ration",
    r"dauerlauf",
    r"locker\w*",
    r"regeneration\w*",
    r"ga1",
    r"grundlage\w*",
    r"lento",
    r"facile",
    r"rigenerativ[oa]",
    r"leve",
    r"rustig\w*",
    r"duurloop",
    r"herstel\w*",
    r"lugn\w*",
    r"rolig\w*",
    r"palauttav\w*",
    r"peruskest[äa]v\w*",
    r"rozbieganie",
    r"spokojn\w*",
)

#: named a race: "Race Day", "10K race", "Valencia Marathon", "Half marathon", "Carrera 10K",
#: "Wettkampf", "Gara"; never "race pace", "pre-race shakeout" or "marathon training run"
#: (see :func:`race_named`). A weekly parkrun is no race: a race holds progression and its
#: week takes one session, so a word that is often training is left out.
_RACE = _words(
    r"race(?:\s*day)?",
    r"(?:half|semi|halb|media|mezza|meia)?[\s-]*marat(?:hon|[óo]n|ona)",
    r"halbmarathon",
    r"carrera",
    r"competici[óo]n",
    r"comp[ée]tition",
    r"wettkampf",
    r"rennen",
    r"gara",
    r"wedstrijd",
    r"t[äa]vling",
    r"kilpailu",
    r"zawody",
)
#: words that make a race word describe training, not the race itself
_NOT_RACE = _words(
    r"pace",
    r"pre[\s-]*race",
    r"post[\s-]*race",
    r"training",
    r"prep\w*",
    r"build\w*",
    r"week",
    r"sim\w*",
    r"practice",
    r"rehearsal",
    r"plan",
    r"continua",
    r"tempo\w*",
)
_HALF = re.compile(r"\b(?:half|semi|halb|media|mezza|meia)[\s-]*marat", _FLAGS)
_MARATHON = re.compile(r"marat(?:hon|[óo]n|ona)", _FLAGS)
_KM = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,]\d{1,3})?)\s*(k|km)\b", _FLAGS)
_MILES = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,]\d{1,3})?)[\s-]*(mi|miles?|miler)\b", _FLAGS)
MARATHON_M = 42_195.0
HALF_MARATHON_M = 21_097.5
MILE_M = 1_609.344


def quality_named(name: str) -> str | None:
    """How hipcoach calls the quality session the name says ("tempo run", "interval
    session", ...), or None."""
    for pattern, words in QUALITY:
        if pattern.search(name):
            return words
    return None


def long_named(name: str) -> bool:
    """Whether the name says long run ("Long Run", "Tirada larga", "Sortie longue")."""
    return bool(_LONG.search(name))


def easy_named(name: str) -> bool:
    """Whether the name says easy, recovery or base running."""
    return bool(_EASY.search(name))


def race_named(name: str) -> bool:
    """Whether the name says the run is a race ("Race Day", "10K race", "Valencia
    Marathon"): a race word, and nothing saying it is training for one ("race pace",
    "marathon training run", "pre-race shakeout", "long run")."""
    if not _RACE.search(name) or _NOT_RACE.search(name):
        return False
    return not (quality_named(name) or long_named(name) or easy_named(name))


def says_kind(name: str) -> bool:
    """Whether the name alone tells what kind of run it is (so its structure need not be
    read)."""
    return bool(race_named(name) or quality_named(name) or long_named(name) or easy_named(name))


def distance_named(name: str) -> float | None:
    """The distance a race's name gives, in metres ("Marathon" 42 195, "Half marathon"
    21 097.5, "10K race" 10 000, "5 mile race" 8 047), or None."""
    if _HALF.search(name):
        return HALF_MARATHON_M
    if _MARATHON.search(name):
        return MARATHON_M
    for pattern, metres in ((_KM, 1000.0), (_MILES, MILE_M)):
        found = pattern.search(name)
        if found:
            return float(found.group(1).replace(",", ".")) * metres
    return None
