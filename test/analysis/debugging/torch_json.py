"""What the debugging scripts beside this file share: a float as JSON can carry it."""
import math


def num(x):
    """A float as JSON can carry it (non-finite values as the trace spells them)."""
    x = float(x)
    if math.isnan(x):
        return 'NaN'
    if math.isinf(x):
        return 'Infinity' if x > 0 else '-Infinity'
    return x
