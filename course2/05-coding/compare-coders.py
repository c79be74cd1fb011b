# %% [markdown]
# # Two coders, one transcript: using differences to start a conversation
#
# **The question this page answers:** when two people code the same passages, where do they
# read them differently, and what can the team learn from that?
#
# **What you will see:** a table of the codes each coder gave to 12 passages (both, only A,
# only B); a count per code; the two coders' notes where they differ;
# and an agreement score, with why reflexive analysis does not aim for it.
#
# **All data on this page is synthetic.** The interviews and both coders are invented for
# teaching.
#
# **Content note.** The participants' words on this page describe being dismissed by health
# workers, racism, fear and shame. You can skip a quotation, or stop and come back later.
#
# Two members of a patient research team coded the same 12 passages from two interviews (P03
# and P05) with the team's codebook. Coder A is a mother of young children. Coder B spent years
# arranging rides to appointments for a family member. Each wrote a short note for each passage.
#
# In this notebook we put their work side by side. The goal is **not** to score how well they
# agree. The goal is to find the places where they read the data differently, and to ask *why*.
# Those differences are often where the most interesting analysis starts.

# %% tags=["remove-cell"]
import sys

import pandas as pd

sys.path.insert(0, "..")  # the course folder: figure and table helpers shared by Course 2's notebooks
from _display import show_heat_table, show_table  # noqa: E402


# %% [markdown]
# ## Step 1: read both coders' work
#
# Each file has one row per passage: the segment, a short excerpt, the codes (separated by
# semicolons) and the coder's note.

# %%
def read_coder(path):
    coder = pd.read_csv(path)
    coder["codes"] = coder["codes"].str.split(";").apply(set)
    return coder.set_index("segment")


a, b = read_coder("data/coder-a.csv"), read_coder("data/coder-b.csv")
assert list(a.index) == list(b.index), "the two coders must code the same passages"

# %% [markdown]
# ## Step 2: for each passage, what did both see, and what did only one see?

# %%
side_by_side = pd.DataFrame({
    "excerpt": a["excerpt"],
    "both": [", ".join(sorted(a.codes[s] & b.codes[s])) for s in a.index],
    "only A": [", ".join(sorted(a.codes[s] - b.codes[s])) for s in a.index],
    "only B": [", ".join(sorted(b.codes[s] - a.codes[s])) for s in a.index],
})
show_table(side_by_side, "Codes each coder gave to the same 12 passages", "segment")

# %% [markdown]
# Every passage shares at least one code. Most differences are *additions*: one coder saw a
# second idea in the passage that the other did not name.

# %% [markdown]
# ## Step 3: which codes do the coders use differently?
#
# Counting by code shows patterns in *how each person reads*, which is more useful than a single
# number for the whole set.

# %%
codes = sorted(set().union(*a.codes, *b.codes))
by_code = pd.DataFrame({
    "both": [sum(c in a.codes[s] and c in b.codes[s] for s in a.index) for c in codes],
    "only A": [sum(c in a.codes[s] and c not in b.codes[s] for s in a.index) for c in codes],
    "only B": [sum(c in b.codes[s] and c not in a.codes[s] for s in a.index) for c in codes],
}, index=codes).sort_values(["only A", "only B"], ascending=False)
show_heat_table(by_code, "Passages per code: used by both coders, by A only, by B only; darker cells hold more "
                         "passages", "code")

# %% [markdown]
# The table's message: the coders mostly agree on the practical codes (work, family, language),
# and they part ways on feelings and on systems. Coder A adds *emotional-toll* and *being-believed*.
# Coder B adds *information-gaps*, *travel-distance* and *local-care*. Each reads through
# their own experience. Neither is wrong.
#
# **What the counts cannot tell you.** A 5 in the "only A" column says how often coder A added
# a code, not whether the addition was right, or what she saw. Only the notes, in Step 4, say that.

# %% [markdown]
# ## Step 4: read the notes where the coders differ
#
# The notes are the heart of the comparison. Here are the passages where one coder used
# *being-believed* and the other did not.

# %%
believed = [s for s in a.index if ("being-believed" in a.codes[s]) != ("being-believed" in b.codes[s])]
show_table(pd.DataFrame({"excerpt": a.loc[believed, "excerpt"], "note from A": a.loc[believed, "note"],
                         "note from B": b.loc[believed, "note"]}),
           "Passages where only one coder used being-believed, with both coders' notes", "segment")

# %% [markdown]
# Look at P03-03. Coder A reads the participant's question, "I wonder if it's because I'm brown",
# as part of a pattern of not being believed. Coder B holds back, because the participant herself
# says she cannot prove it. Both are careful readings.
#
# Now look at what **neither** coder did. Both put P03-03 under *language-and-culture*, and
# neither used *racism-discrimination*, although the codebook has that code. Its "use when"
# covers people who wonder about unfair treatment, not only people who are sure. And the "do not
# use when" of *language-and-culture* says that identity is not culture. A team meeting could ask:
#
# - Are we coding what she *said happened*, or what she *fears* happened? Do we need both?
# - Does our definition of *being-believed* cover a worry about *why* one was not believed?
# - Does the codebook's *racism-discrimination* code fit here? Its "use when" covers wondering,
#   not only certainty.
# - Whose experience is each of us bringing to this passage? (Write it in a memo.)
#
# And look at P03-06, the photos of her hands. Coder B sees tracking *in order to be believed*.
# That is a link between two codes that could grow into a theme. Module 6 picks it up.

# %% [markdown]
# ## Step 5: what about an agreement score?
#
# Some approaches to qualitative analysis measure how often coders agree, and treat high
# agreement as a sign of quality. In those *coding reliability* approaches, coders work apart with
# a fixed codebook, and a score is reported. We can compute the simplest version: of all the
# pairs of passage and code that either coder chose, what share did both choose?

# %%
shared = by_code["both"].sum()
decisions = by_code.sum().sum()
print(f"Both coders chose {shared} of the {decisions} passage-and-code pairs ({shared / decisions:.0%}).")

# %% [markdown]
# We show this number only to explain it. **In reflexive thematic analysis we do not aim for it.**
# Braun and Clarke (2019; 2022) set reflexive approaches apart from coding reliability ones. The
# logic of a reflexive approach goes like this: if coding is interpretation, then the
# researcher's way of seeing is a resource, not a source of error, and two coders seeing
# different things is not a failure to fix. A high score could even hide a
# problem: it can mean both coders noticed only the obvious.
#
# Other researchers disagree, and value agreement checks, especially with a fixed codebook and
# a large team. That debate is real. What matters is that your team chooses its approach on
# purpose, says why in its report, and uses the approach consistently.
#
# ## What this team did next
#
# The two coders met for 40 minutes with their notes. They kept both readings of P03-03 and
# wrote a memo about it. They recoded it with *racism-discrimination* in place of
# *language-and-culture*, and noted in the memo that she is not sure. They widened the
# definition of *being-believed* to include "tracking or dressing up in order to be believed".
# And they added a question to their list for the next interviews: "Has anyone asked you what
# you think would help?", because of P05's words "nobody asks us".
