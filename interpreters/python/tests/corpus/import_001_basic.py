# import module; attribute access; module body runs exactly once.
import helper_shapes
print(helper_shapes.PI, helper_shapes.area_rect(3, 4), round(helper_shapes.area_circle(2), 4))
s = helper_shapes.Square(5)
print(s, s.area(), type(s).__name__, type(s).__module__)
import helper_shapes
import helper_shapes as again
print(again is helper_shapes, helper_shapes.load_count)
print(helper_shapes.__name__, type(helper_shapes).__name__)
print(sorted(n for n in dir(helper_shapes) if not n.startswith("__")))
import sys
print("helper_shapes" in sys.modules, sys.modules["helper_shapes"] is helper_shapes)
print(__name__)
