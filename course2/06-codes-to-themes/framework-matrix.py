# %% [markdown]
# # A framework matrix: every participant, every theme, in their own words
#
# **The question this page answers:** does each candidate theme hold across every
# participant, and whose story does not fit?
#
# **What you will see:** a count of extracts per participant and theme; a framework matrix
# with one quotation per participant and theme, in their own words; and what the team read
# down a column and across a row.
#
# **All data on this page is synthetic.** The extracts come from eight invented interviews about
# getting care for a long-term condition outside a city.
#
# **Content note.** The participants' words on this page describe being dismissed by health
# workers, racism, fear and shame. You can skip a quotation, or stop and come back later.
#
# A **framework matrix** is a table for charting data. In the framework method (Gale and
# colleagues, 2013), a team summarises its coded data and charts it into a matrix of cases (rows)
# and codes (columns). Here we chart by the team's candidate themes instead: one row per
# participant and one column per candidate theme, so each column gathers the extracts of several
# codes. A report should say so. Each cell holds what that person said that bears on that theme:
# a short summary, a quotation, or both. The matrix helps a team do two things at once: look
# *across* a row to see one person's whole story, and look *down* a column to see how a theme
# varies from person to person.
#
# The matrix is a tool to think with. It comes from a family of *codebook* approaches to thematic
# analysis (framework analysis is one of them), but teams using reflexive thematic analysis use it
# too, to check that a theme holds across the data and to find the cases that do not fit.

# %% tags=["remove-cell"]
import sys

import pandas as pd

sys.path.insert(0, "..")  # the course folder: figure and table helpers shared by Course 2's notebooks
from _display import show_heat_table, show_table  # noqa: E402


# %% [markdown]
# ## Step 1: link each extract to its themes
#
# We use the team's candidate themes. An extract belongs to a theme if at least one of its codes
# is grouped under that theme. One extract can belong to more than one theme.
#
# We leave out *emotional-toll*: the team decided it runs through every theme (see the theme map
# notebook), so it does not point to one theme.

# %%
extracts = pd.read_csv("data/coded-extracts.csv")
themes = pd.read_csv("data/candidate-themes.csv")
themes = themes[themes["code"] != "emotional-toll"]
theme_names = list(dict.fromkeys(themes["theme"]))

linked = (extracts.assign(code=extracts["codes"].str.split(";")).explode("code")
          .merge(themes[["code", "theme"]], on="code")
          .drop_duplicates(["extract", "theme"]))
print(f"{linked['extract'].nunique()} of {len(extracts)} extracts link to at least one theme.")

# %% [markdown]
# ## Step 2: count extracts per participant and theme
#
# Counts first, because they show the empty cells. An empty cell is a question, not an answer:
# did this person not face this issue, did we not ask, or did we miss it when coding? And a big
# number is not a bigger experience: it also depends on how long the person talked and how
# finely the team coded.

# %%
counts = pd.crosstab(linked["participant"], linked["theme"]).reindex(columns=theme_names, fill_value=0)
show_heat_table(counts, "Number of extracts per participant and candidate theme; darker cells hold more extracts",
                "participant")


# %% [markdown]
# The table's message: most themes reach most people, so they are not one person's story. The few
# empty cells are worth a closer look. Each one sends the team back to that transcript. When this
# team reread them:
#
# - **P06 under "Having to prove it".** He speaks as a caregiver. On video calls his wife "gets
#   embarrassed and lets me answer. Then it becomes my appointment, not hers." That is a quiet
#   form of not being heard, and the first coding missed it. The team added a code to the extract.
# - **P07 under "Being known close to home".** At the children's hospital "the nurse knew my
#   name"; in adult care, nobody does yet. Being known matters to P07 too, but it was *lost*, and
#   it was never close to home. The team wrote a memo: is this theme about being known, or about
#   where care is?
# - **P02 under "Having to prove it".** After rereading, the team agreed the cell is truly empty.
#   Not every theme has to touch every person.

# %% [markdown]
# ## Step 3: fill the cells with people's own words
#
# Now the matrix itself. For each cell we want one supporting quotation. A computer cannot
# know which quotation says it best, so the team wrote its rule down before choosing: **the
# extract that ties together most of the theme's ideas, and if two tie, the shorter one**, so
# that the cell shows the theme in the person's own words, and short enough to read at the
# REFLECT focus group. The code below only applies that rule, so that every cell is filled the
# same way. Then the team read each cell and asked: does this quotation say it best? Where a
# person would choose differently, they change it and write the reason in a memo. The
# worksheet for this page asks you to choose by reading.

# %%
theme_codes = themes.groupby("theme")["code"].apply(set)


def best_quotation(rows, theme):
    """The extract with the most codes from this theme; the shorter one if two tie."""
    if rows.empty:
        return ""
    score = rows["codes"].str.split(";").apply(lambda codes: len(set(codes) & theme_codes[theme]))
    ranked = rows.assign(score=score, length=rows["text"].str.len()).sort_values(["score", "length"],
                                                                                  ascending=[False, True])
    return f"\u201c{ranked.iloc[0]['text']}\u201d ({ranked.iloc[0]['extract']})"


matrix = pd.DataFrame({
    theme: [best_quotation(linked[(linked["participant"] == p) & (linked["theme"] == theme)], theme)
            for p in counts.index]
    for theme in theme_names}, index=counts.index)
show_table(matrix, "Framework matrix: one supporting quotation per participant and candidate theme", "participant")

# %% [markdown]
# ## Step 4: read down a column
#
# Take the column "Having to prove it". Reading down it, the team noticed that this theme looks
# different for different people:
#
# - for P03 and P08, it is about **being disbelieved**: as women, and through racism. P03 wonders
#   whether it was "because I'm brown"; P08, an Indigenous woman, learned to "put on your best
#   clothes ... so they take you serious". The analysis names that as racism, plainly;
# - for P01, P04 and P05, it is about **language and staying quiet** ("I did not want to be
#   trouble");
# - for P04, it is also about a doctor who said nothing when he spoke about medicines from the land,
#   and a local nurse who respected them ("Both together").
#
# That variation is not a problem for the theme. It is the theme's content. A good theme says
# what holds the pattern together (here: the work of being believed and respected) *and* shows
# how it differs.

# %% [markdown]
# ## Step 5: read across a row, and look for what does not fit
#
# Reading across P02's row, his story is mostly about distance, work seasons and a good
# experience of virtual care. He is the participant who says he is "one of the lucky ones".
# That is a **negative case**: a case that does not fit the pattern neatly. Negative cases keep
# a theme honest. Here, P02 shows that virtual care works *when* the internet works and a
# practical worker leads it. The theme "Distance is more than kilometres" has to hold both his
# experience and P06's ("Then it becomes my appointment, not hers").

# %% [markdown]
# ## What we would do differently
#
# - Add a short summary in each cell, written in our words, beside the quotation.
# - Bring the matrix, with the quotations, to the REFLECT focus group, and ask participants
#   whether the themes ring true. Quotations help people see themselves in the findings.
# - Check the empty cells against the full transcripts before saying a theme is absent for
#   someone.
