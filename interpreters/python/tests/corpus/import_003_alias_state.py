# import ... as ...; module state shared between all references.
import helper_counter as hc
import helper_counter
from helper_counter import bump, count
print(hc is helper_counter, count)
bump()
bump(5)
hc.bump(10)
print(hc.count, helper_counter.get(), count, hc.history)
hc.count = 100
print(helper_counter.get(), bump(), hc.history)
hc.new_attr = "added"
import helper_counter as third
print(third.new_attr)
