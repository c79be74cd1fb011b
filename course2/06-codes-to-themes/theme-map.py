# %% [markdown]
# # From codes to a theme map: which codes travel together?
#
# **The question this page answers:** do the team's candidate themes hold together, or do
# some codes belong to more than one story?
#
# **What you will see:** the five candidate themes; a table and a heat map of how often two
# codes share an extract; a theme map that joins codes which travel together; and what the
# team decided after going back to the extracts.
#
# **All data on this page is synthetic.** The extracts come from eight invented interviews about
# getting care for a long-term condition outside a city.
#
# **Content note.** The participants' words on this page describe being dismissed by health
# workers, racism, fear and shame. You can skip a quotation, or stop and come back later.
#
# After first-cycle coding, the team grouped its 14 codes under five *candidate* themes. A
# candidate theme is a first guess at a pattern of shared meaning. In this notebook we test the
# guess with one simple question: **which codes turn up together in the same extract?** Codes
# that often appear together may belong to one story. Codes that link two candidate themes may
# mean the themes are not as separate as we thought.
#
# Co-occurrence is a *prompt for thinking*, not a test that decides. A theme rests on a shared
# idea that the team can put into words, not on a count.

# %% tags=["remove-cell"]
import math
import sys
from itertools import combinations

import matplotlib.pyplot as plt
import pandas as pd

sys.path.insert(0, "..")  # the course folder: figure and table helpers shared by Course 2's notebooks
from _display import show_figure, show_table  # noqa: E402


# %% [markdown]
# ## Step 1: the coded extracts and the candidate themes

# %%
extracts = pd.read_csv("data/coded-extracts.csv")
extracts["codes"] = extracts["codes"].str.split(";")
themes = pd.read_csv("data/candidate-themes.csv")
theme_of = themes.set_index("code")["theme"]

summary = themes.groupby("theme", sort=False).agg(
    codes=("code", ", ".join), **{"central idea": ("central_idea", "first")})
show_table(summary, "Five candidate themes, the codes grouped under each, and the idea each is built around", "theme")
print(f"{len(extracts)} extracts from {extracts['participant'].nunique()} participants.")

# %% [markdown]
# ## Step 2: count how often each pair of codes shares an extract
#
# For every extract with two or more codes, we count each pair once. The result is a
# **co-occurrence table**: codes down the side, codes across the top, and in each cell the
# number of extracts that carry both.

# %%
codes = list(themes["code"])  # in theme order, so codes of one theme sit together
pairs = pd.DataFrame(0, index=codes, columns=codes)
for code_list in extracts["codes"]:
    for first, second in combinations(sorted(set(code_list)), 2):
        pairs.loc[first, second] += 1
        pairs.loc[second, first] += 1

fig, ax = plt.subplots(figsize=(7.5, 6.5))
ax.imshow(pairs.values, cmap="Purples")
ax.set_xticks(range(len(codes)), codes, rotation=90)
ax.set_yticks(range(len(codes)), codes)
for (row, col), value in pd.DataFrame(pairs.values).stack().items():
    if value:
        ax.text(col, row, value, ha="center", va="center", fontsize=8, color="white" if value >= 4 else "black")
ax.set_title("Extracts that carry both codes")
strongest = pairs.where(pd.DataFrame([[i < j for j in range(len(codes))] for i in range(len(codes))],
                                     index=codes, columns=codes)).stack().sort_values(ascending=False)
top = "; ".join(f"{a} with {b} ({int(n)})" for (a, b), n in strongest.head(3).items())
show_figure(fig, f"Heat map of code co-occurrence: {len(codes)} codes on each axis, grouped by candidate theme; darker cells "
                 f"mean more extracts carry both codes. The strongest pairs are {top}.")

# %% [markdown]
# What stands out: *continuity* and *local-care* go together often, which supports the candidate
# theme "Being known close to home". But the pair that shares the most extracts of all,
# *emotional-toll* with *travel-distance*, crosses two candidate themes. We put
# *emotional-toll* under "Waiting without a map", yet it turns up with travel more than with
# waiting.

# %% [markdown]
# ## Step 3: draw a theme map
#
# A **theme map** is a picture of candidate themes and how they connect. Here each theme is a
# cluster, each code is a dot in its theme's cluster, and a line joins two codes that share at
# least two extracts. A thicker line means more shared extracts. A dashed line crosses from one
# candidate theme to another.

# %%
theme_names = list(dict.fromkeys(themes["theme"]))
direction = {t: (math.cos(2 * math.pi * i / len(theme_names) + 0.3), math.sin(2 * math.pi * i / len(theme_names) + 0.3))
             for i, t in enumerate(theme_names)}
centre = {t: (4 * dx, 4 * dy) for t, (dx, dy) in direction.items()}
position = {}
for t in theme_names:
    members = list(themes.loc[themes["theme"] == t, "code"])
    for k, code in enumerate(members):
        angle = 2 * math.pi * k / len(members) + 0.4
        position[code] = (centre[t][0] + 1.1 * math.cos(angle), centre[t][1] + 1.1 * math.sin(angle))

links = [(a, b, int(n)) for (a, b), n in strongest.items() if n >= 2]
fig, ax = plt.subplots(figsize=(10, 9))
for a, b, n in links:
    crossing = theme_of[a] != theme_of[b]
    ax.plot(*zip(position[a], position[b]), color="#b03a2e" if crossing else "#555555",
            linestyle="--" if crossing else "-", linewidth=n, alpha=0.7, zorder=1)
for code, (x, y) in position.items():
    ax.scatter(x, y, s=120, color="#2f5597", zorder=2)
    ax.annotate(code, (x, y), textcoords="offset points", xytext=(0, 9), ha="center", fontsize=9,
                bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
for t, (dx, dy) in direction.items():
    side = "left" if dx > 0.3 else "right" if dx < -0.3 else "center"  # keep long names clear of the dots
    ax.text(5.4 * dx, 5.6 * dy, t, ha=side, va="center", fontsize=10, weight="bold",
            bbox={"boxstyle": "round", "facecolor": "#f2f2f2", "edgecolor": "#999999"})
ax.set_xlim(-9.5, 9.5)
ax.set_ylim(-7.5, 7.5)
ax.axis("off")
ax.set_title("Candidate theme map: codes that share two or more extracts are joined")
crossing_links = [(a, b, n) for a, b, n in links if theme_of[a] != theme_of[b]]
feeling_partners = [b if a == "emotional-toll" else a for a, b, _ in links if "emotional-toll" in (a, b)]
feeling_themes = {theme_of[c] for c in feeling_partners} | {theme_of["emotional-toll"]}
clusters = "; ".join(f"{t} ({', '.join(themes.loc[themes['theme'] == t, 'code'])})" for t in theme_names)
show_figure(fig, f"Theme map with five candidate themes as clusters: {clusters}. {len(links)} lines join codes that "
                 f"share two or more extracts; {len(crossing_links)} of them cross between themes. Emotional-toll has "
                 f"{len(feeling_partners)} lines, reaching into {len(feeling_themes)} of the {len(theme_names)} themes.")

# %% [markdown]
# The map's message: most links cross between themes, and *emotional-toll* reaches into almost
# every cluster. Fear, guilt and shame are not one part of the story. They run through the
# travel, the waiting, the proving and the coping.

# %% [markdown]
# ## Step 4: what the team decided, and why
#
# A map does not decide for you. The team went back to the extracts and talked. Here is their
# reasoning, as they wrote it in their analysis memo:
#
# 1. **Emotional-toll is not a theme's building block; it runs through all of them.** Extracts
#    such as "It's humiliating" (a roadside stop on a long drive) and "Seven months of silence ...
#    is really scary" (a lost referral) show feelings tied to each theme. So the team took
#    *emotional-toll* out of "Waiting without a map" and agreed to show the feelings inside each
#    theme's story instead.
# 2. **"Having to prove it" and language are closely tied.** *Language-and-culture* links to
#    *being-believed*, *information-gaps* and *emotional-toll*. When people cannot follow the
#    visit, they say yes to keep the peace ("I did not want to be trouble"). The team widened the
#    theme's central idea to include "staying quiet so as not to be a problem".
#    **They also named racism plainly.** P03 wonders whether she was dismissed "because I'm
#    brown"; P08 describes dressing up for emergency "so they take you serious". Filing this under
#    language and culture would hide what these participants described, so those extracts carry
#    the *racism-discrimination* code, and the central idea names racism, sexism and ageism.
# 3. **Keep "Being known close to home" and "Holding it together ourselves" apart, for now.**
#    They share few links. One is about paid local workers, the other about unpaid work by
#    patients and families. The team will check this at the Reflect focus group.
#
# Below is the revised list. It is still a draft: themes are developed, reviewed and named over
# several rounds, not found in one pass.

# %%
revised = themes[themes["code"] != "emotional-toll"].copy()
revised.loc[revised["theme"] == "Having to prove it", "central_idea"] = (
    "People work to be believed and respected, or stay quiet so as not to be a problem; "
    "racism, sexism, ageism and language barriers make that work harder for some.")
revised_summary = revised.groupby("theme", sort=False).agg(
    codes=("code", ", ".join), **{"central idea": ("central_idea", "first")})
show_table(revised_summary, "Revised candidate themes (emotional toll now runs through every theme)", "theme")

# %% [markdown]
# ## What we would do differently
#
# - Draw the first theme map by hand, on paper or a whiteboard, before any counting. The count
#   is a check on your thinking, not a replacement for it.
# - Count extracts per *participant*, too: one talkative person can create a strong link alone.
#   The framework matrix notebook in this module does that.
# - Keep every version of the map, with the date and the reason for each change. That record is
#   part of your audit trail.
