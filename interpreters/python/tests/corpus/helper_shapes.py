# Helper module for import_ tests (not a test itself).
print("helper_shapes: module body executing")
PI = 3.14159
_private = "hidden"
load_count = 0
load_count += 1
def area_circle(r):
    return PI * r * r
def area_rect(w, h):
    return w * h
class Square:
    def __init__(self, side):
        self.side = side
    def area(self):
        return area_rect(self.side, self.side)
    def __repr__(self):
        return f"Square({self.side})"
