"""Okabe–Ito colours: distinguishable with every common form of colour blindness."""

ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
BLACK = "#000000"
GREY = "#999999"
LIGHT_GREY = "#DDDDDD"

PERSPECTIVE = {"assumed": BLUE, "lived": VERMILLION, "employee": GREEN}
SPLIT = {"positive": BLUE, "neutral": LIGHT_GREY, "negative": ORANGE}
GAP = {"blind_spot": VERMILLION, "not_blind": GREY, "small_sample": LIGHT_GREY}
#: diverging scale for emotion −3..+3: orange (negative) – white – blue (positive)
EMOTION_SCALE = [[0.0, VERMILLION], [0.25, ORANGE], [0.5, "#F7F7F7"], [0.75, SKY_BLUE],
                 [1.0, BLUE]]


def rgba(hex_colour: str, alpha: float) -> str:
    """``#RRGGBB`` as an ``rgba(...)`` string with the given opacity."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"
