"""hipcoach: progressive hip-strength workouts for runners, placed around real runs."""

__version__ = "0.1.0"

DISCLAIMER = (
    "hipcoach is exercise guidance, not medical advice; "
    "see a physio if knee pain persists or gets worse."
)
