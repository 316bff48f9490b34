# from module import names; aliases; star import skips private names.
from helper_shapes import area_rect, PI
from helper_shapes import Square as Sq, area_circle as circ
print(area_rect(2, 5), PI, Sq(3).area(), round(circ(1), 5))
from helper_shapes import *
print(area_circle(1) == circ(1), "Square" in dir(), "_private" in dir())
import helper_shapes
print(helper_shapes._private)
try:
    from helper_shapes import does_not_exist
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
