# %% [markdown]
# # Applying a codebook: a first pass with keywords
#
# **The question this page answers:** can a computer find where each code in a codebook
# applies, and what does a person see that it misses?
#
# **What you will see:** the team's codebook as a table; the computer's keyword suggestions,
# segment by segment; two participants' answers, quoted in full, where the suggestion is wrong;
# and a table and a heat map of codes by participant, with what those counts cannot tell you.
#
# **All data on this page is synthetic.** The eight interviews were written for teaching and
# describe no real person.
#
# **Content note.** The participants' words on this page describe being dismissed by health
# workers, racism, fear and shame. You can skip a quotation, or stop and come back later.
#
# In this notebook we take the team's first-cycle codebook and the eight interviews about getting
# care for a long-term condition outside a city. We ask the computer to *suggest* where each code
# might apply, by looking for the keywords listed in the codebook. Then we check the suggestions
# the way a careful coder would.
#
# **An honest warning before we start.** Coding is reading and interpreting, not word
# matching. A keyword search finds words, not meanings. It misses passages that say something
# without the expected words, and it flags passages that use a word in another sense. We use it
# here for two reasons only: to show the shape of a code-by-participant table, and to show
# *why* a person has to read every line. In a real study, you code by reading.
#
# You can rerun this page on your own computer, or do the same analysis by hand: the links
# just below this explanation give you both.

# %% tags=["remove-cell"]
import re
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, "..")  # the course folder: figure and table helpers shared by Course 2's notebooks
from _display import show_heat_table, show_quote, show_table  # noqa: E402


# %% [markdown]
# ## Step 1: read the codebook
#
# A codebook lists each code with a short name, a plain label, a definition, and when to use it
# and not use it. Ours also has a `keywords` column, used only by this notebook.

# %%
codebook = pd.read_csv("data/codebook.csv")
codebook["keywords"] = codebook["keywords"].str.split(";")
show_table(codebook[["code", "label", "definition"]], f"The {len(codebook)} codes in the first-cycle codebook")

# %% [markdown]
# ## Step 2: split each interview into segments
#
# We need a unit to code. Here a **segment** is one answer: everything a participant says
# between two interviewer questions. Each segment gets an identifier such as `P03-02`
# (participant P03, second answer). Teams choose their own unit; some code sentence by sentence,
# some code whole stories. Whatever you choose, write it down, so others can follow your steps.
#
# Each transcript starts with a short header (what the data is, who the invented participant is).
# The interview itself starts after the first blank line.

# %%
TURN = re.compile(r"^(INTERVIEWER|P\d\d): (.*)$")


def segments_of(path):
    """The participant's answers in one transcript, as (segment id, text) pairs."""
    header, _, interview = path.read_text(encoding="utf-8").partition("\n\n")
    assert header.startswith("SYNTHETIC DATA"), f"{path} is not labelled as synthetic"
    answers = []
    for line in interview.splitlines():
        match = TURN.match(line)
        if match and match.group(1) != "INTERVIEWER":
            answers.append((f"{match.group(1)}-{len(answers) + 1:02d}", match.group(2)))
    return answers


rows = []
for path in sorted(Path("data/transcripts").glob("P*.txt")):
    for segment, text in segments_of(path):
        rows.append({"participant": path.stem, "segment": segment, "text": text})
segments = pd.DataFrame(rows)

overview = segments.groupby("participant").agg(
    answers=("segment", "count"), words=("text", lambda texts: sum(len(t.split()) for t in texts)))
show_table(overview, "Answers and words spoken by each participant", "participant")

# %% [markdown]
# ## Step 3: let the keywords suggest codes
#
# For each segment and each code, we look for any of the code's keywords at the start of a word,
# ignoring capital letters. A match is a **suggestion**, not a code.

# %%
def matched_keywords(text, keywords):
    return [k for k in keywords if re.search(r"\b" + re.escape(k), text, re.IGNORECASE)]


for _, code in codebook.iterrows():
    segments[code["code"]] = segments["text"].apply(lambda t, k=code["keywords"]: bool(matched_keywords(t, k)))

code_names = list(codebook["code"])
print(f"{len(segments)} segments; on average {segments[code_names].sum(axis=1).mean():.1f} codes suggested per segment.")

# %% [markdown]
# ## Step 4: check the suggestions by reading
#
# Here is where the real work is. We look at two segments on purpose.
#
# **A suggestion that is wrong.** Participant P07 says they "can't wait to move" to the city for
# school. The keyword *wait* makes the computer suggest the code *waiting*. But this sentence is
# about looking forward to something, not about a waiting list.

# %%
p07 = segments[segments["text"].str.contains("can't wait to move")].iloc[0]
waiting_words = codebook.set_index("code").loc["waiting", "keywords"]
print(p07["segment"], "was suggested for 'waiting' because of:", ", ".join(matched_keywords(p07["text"], waiting_words)))
show_quote(p07["text"], f"Participant {p07['segment'][:3]}, answer {p07['segment']}")

# %% [markdown]
# Reading it, a coder would remove *waiting* here. They might keep *travel-distance* and
# *work-and-roles*, and write a memo: "Chooses where to live to be near the hospital. Is this a
# cost of distance that no one counts?" That memo could become part of a theme later.
#
# **A code the keywords miss.** Participant P03's first answer describes a doctor who "barely
# looked up from the computer" and said her swollen hands were "probably stress". Every coder on
# the team read this as not being believed. But she does not use any of the *being-believed*
# keywords.

# %%
p03 = segments.set_index("segment").loc["P03-01"]
print("Was P03-01 suggested for 'being-believed'?", "yes" if p03["being-believed"] else "no")
show_quote(p03["text"], "Participant P03, answer P03-01")

# %% [markdown]
# The computer says no. A person says yes, because they read *what happened*: a young mother's
# symptoms were put down to tiredness, and she cried in the car. Meaning lives in the story, not
# in single words. This is why keyword searching can help you **find** passages to reread, but
# never replaces reading.

# %% [markdown]
# ## Step 5: build the code-by-participant table
#
# After checking, a team builds a table with one row per code and one column per participant.
# Each cell counts the segments where the code was applied. Below, we build it from the keyword
# suggestions, after removing the one wrong *waiting* suggestion we found. (In a real study you
# would check every cell, not only one.)

# %%
segments.loc[segments["segment"] == p07["segment"], "waiting"] = False
segments.loc[segments["segment"] == "P03-01", "being-believed"] = True

table = segments.groupby("participant")[code_names].sum().T
table["participants"] = (table > 0).sum(axis=1)
table = table.sort_values("participants", ascending=False)
show_heat_table(table, "Segments per code and participant (keyword suggestions, two of them corrected by hand); "
                       "darker cells hold more segments", "code")

# %% [markdown]
# How to read it: each cell counts one person's segments with that code, and a darker cell
# holds more. The last column says how many of the eight people had at least one segment with
# that code. Codes near the top are widespread; codes near the bottom appear for only a few
# people. Distance, waiting, local care and family support run through almost everyone's story,
# while a few codes belong to a few people.
#
# **Be careful with counts.** A code that appears for only a few people is not less important.
# *Language-and-culture* is low in the table because only some participants face a language
# barrier or a provider who ignores their culture. For those people, it shaped every visit.
# And *being-believed* is low partly because the keywords miss it: P04 describes a doctor who
# "just looked at me" when he spoke about medicines from the land. Counts tell you where to look,
# not what matters.
#
# **Look at the zeros, too.** P08 has no *emotional-toll* segment, yet she says being called
# drug seeking "hurt the most", and later asks to stop for a break. The keywords found no feeling
# word, so the cell is empty. An empty cell in a keyword table means "no keyword", not "no
# feeling". Codes with many common keywords, such as *family-community-support*, also collect
# more suggestions. Another reason to read, not count.
#
# ## What we would do differently
#
# - Code by reading first, and use a keyword search only afterwards, to find passages you may
#   have missed.
# - Write a short memo for every doubtful segment (like the P07 example) instead of deciding
#   silently.
# - Keep the codebook open to change. The P05 interview ends with "nobody asks us", which no code
#   captures well yet. Module 6 comes back to it.
