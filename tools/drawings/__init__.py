"""The exercise drawings' generator: a pictogram figure posed by joint angles, rendered to SVG.

:mod:`.figure` holds the body (segments, joints, poses), :mod:`.props` the things around it
(floor, step, chair, wall, band, arrows), :mod:`.svg` turns a two-panel :class:`Picture`
into markup, and :mod:`.postures` builds the body positions the catalogue poses; the
pictures themselves live in :mod:`.catalogue`, one module per family of body positions.
``tools/exercise_pictures.py`` writes them into the package data.
"""
