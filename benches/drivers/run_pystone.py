"""Kiln's pystone driver: import pystone as a module and run pystone.main(N).

Usage: run_pystone.py [PASSES]. Pystone is imported, not exec'd into a dict,
because engines treat module globals specially (PyPy is 5x slower otherwise).
After pystone's own two lines (whose times the harness masks before comparing
outputs) it prints pystone's final global state, which depends only on the
pass count, so that engines can be checked against CPython.
"""

import sys

import pystone


def final_state():
    g = pystone.PtrGlb
    return "final state: %r %r %r %r %r %r %r %r %r %r" % (
        pystone.IntGlob, pystone.BoolGlob, pystone.Char1Glob, pystone.Char2Glob,
        pystone.Array1Glob[8], pystone.Array2Glob[8][7],
        g.Discr, g.EnumComp, g.IntComp, g.StringComp)


def main():
    passes = int(sys.argv[1]) if len(sys.argv) > 1 else pystone.LOOPS
    pystone.main(passes)
    print(final_state())


main()
