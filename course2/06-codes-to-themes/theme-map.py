# %% [markdown]
# # From codes to a theme map: which codes travel together?
#
# **The question this page answers:** do the team's candidate themes hold together, or do
# some codes belong to more than one story?
#
# **What you will see:** the five candidate themes; a table of the pairs of codes that often
# share an extract; a table of which codes reach across the themes (a theme map, in words);
# and what the team decided after going back to the extracts.
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
import sys
from collections import Counter
from itertools import combinations

import pandas as pd

sys.path.insert(0, "..")  # the course folder: figure and table helpers shared by Course 2's notebooks
from _display import show_heat_table, show_table  # noqa: E402


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
# For every extract with two or more codes, we count each pair of its codes once. The table
# lists the pairs that share at least two extracts, most first, and says whether the two codes
# sit under the same candidate theme. We call such a pair a **link**.

# %%
codes = list(themes["code"])
pair_counts = Counter()
for code_list in extracts["codes"]:
    pair_counts.update(combinations(sorted(set(code_list)), 2))

links = pd.DataFrame([(a, b, n, "same theme" if theme_of[a] == theme_of[b] else "crosses themes")
                      for (a, b), n in pair_counts.most_common() if n >= 2],
                     columns=["first code", "second code", "extracts with both", "where the link goes"])
show_heat_table(links, "Pairs of codes that share two or more extracts; darker cells hold more extracts")

# %% [markdown]
# What stands out: *continuity* and *local-care* go together often, which supports the candidate
# theme "Being known close to home". But the other pair that shares the most extracts (five),
# *emotional-toll* with *travel-distance*, crosses two candidate themes. We put
# *emotional-toll* under "Waiting without a map", yet it turns up with travel more than with
# waiting.
#
# **What the count cannot tell you.** Two codes on one extract say nothing about *how* they are
# connected, or why. One talkative participant can make a strong link alone. And a pair that
# shares one extract is not in the table, yet that one extract may be the most telling of all.

# %% [markdown]
# ## Step 3: which codes reach across the candidate themes?
#
# A **theme map** is a picture of candidate themes and how they connect. Many teams draw one by
# hand (the worksheet for this page shows how). Here we give the map's content as a table: for
# each code, its candidate theme, how many links it has, and how many of the five themes those
# links reach, counting its own.

# %%
reach = []
for code in codes:
    partners = [b if a == code else a for a, b in links[["first code", "second code"]].itertuples(index=False)
                if code in (a, b)]
    reach.append((code, theme_of[code], len(partners), len({theme_of[p] for p in partners} | {theme_of[code]})))
reach = pd.DataFrame(reach, columns=["code", "candidate theme", "links", "themes its links reach"])
show_heat_table(reach.sort_values(["themes its links reach", "links"], ascending=False),
                "Each code's links, and how many candidate themes they reach; darker cells are higher")

# %% [markdown]
# The table's message: many links cross between themes. *Emotional-toll* has the most links,
# and it reaches into four of the five themes (only *language-and-culture* reaches as far).
# Fear, guilt and shame are not one part of the story. They run through the travel, the
# waiting, the proving and the coping.
#
# **What the table cannot tell you.** It is built from the team's codes, so it can only show
# connections the coding already made. It cannot say which connection matters to participants.
# That comes from going back to the extracts, and from the REFLECT focus group.

# %% [markdown]
# ## Step 4: what the team decided, and why
#
# A table does not decide for you. The team went back to the extracts and talked. Here is their
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
#    patients and families. The team will check this at the REFLECT focus group.
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
