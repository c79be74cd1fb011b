# %% [markdown]
# # Which concerns recur? Counting themes in SET discussion notes
#
# **All data on this page is synthetic.** It was written for teaching and describes no real person.
#
# In a SET discussion group, people share what matters to them. Here we count which concerns
# come up for more than one person.

# %%
import csv
from collections import Counter

with open("data/discussion-notes.csv", newline="", encoding="utf-8") as handle:
    notes = list(csv.DictReader(handle))

people_per_concern = Counter()
for concern in {(row["speaker"], row["concern"]) for row in notes}:
    people_per_concern[concern[1]] += 1

for concern, people in people_per_concern.most_common():
    print(f"{concern}: {people} people")
