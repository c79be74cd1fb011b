# %% [markdown]
# # Which concerns recur? Counting concerns in SET discussion notes
#
# **The question this page answers:** which concerns came up again and again in two SET
# discussion groups, and what can a count of them tell the team?
#
# **What you will see:** a few of the notes; a table and bars showing how many people raised
# each concern; a comparison of the two groups; and what the counts cannot tell you.
#
# **All data on this page is synthetic.** It was invented for teaching. No real person, place or
# conversation is described.
#
# **Content note.** A few notes mention chronic pain, being dismissed, and care that did not
# feel culturally safe. You can skip them, or stop and come back later.
#
# A fictional patient research team held two SET discussion groups about living with long-term
# (chronic) pain. Group A met online with five people from small towns and farms. Group B met
# in person with five people at a community centre in a city. A note-taker wrote down each point
# in a short sentence. After the groups, the team read every note together and gave each one a
# label for the concern it raised, such as "waiting for care" or "being heard".
#
# This page does three small things with those notes:
#
# 1. It counts how many different people raised each concern (not how many notes).
# 2. It checks whether each concern came up in both groups or only one.
# 3. It draws the counts as bars.
#
# Then it asks what the counts can and cannot tell the team. Counting is a way to check your
# impressions. It is not the analysis, and it does not decide the research question.
#
# You can rerun this page on your own computer, or do the same analysis by hand: the links
# just below this explanation give you both.

# %% tags=["remove-cell"]
import html

import pandas as pd
from IPython.display import HTML, display


def show_table(table: pd.DataFrame) -> None:
    """Show a table without the unlabelled index column (every column gets a header)."""
    # border=0 and no inline style: the site publishes plain tables only
    display(HTML(table.to_html(index=False, border=0).replace(' style="text-align: right;"', "")))


def show_bars(table: pd.DataFrame, value: str, maximum: int, caption: str) -> None:
    """Show a table with a bar for ``value`` in each row: the bar is drawn in the text's colour
    (so it suits a light or a dark page), and the number stays beside it as text."""
    head = "".join(f'<th scope="col">{html.escape(str(name))}</th>' for name in table.columns)
    head += f'<th scope="col">{html.escape(value)}, as a bar (out of {maximum})</th>'
    rows = ""
    for row in table.itertuples(index=False):
        cells = "".join(f"<td>{html.escape(str(item))}</td>" for item in row)
        share = 100 * getattr(row, value) / maximum
        # the size and colour are SVG attributes, so the bar looks the same in JupyterLab as on the site
        bar = (f'<svg class="pacer-bar" width="160" height="12" aria-hidden="true">'
               f'<rect width="{share:.0f}%" height="100%" fill="currentColor"></rect></svg>')
        rows += f"<tr>{cells}<td>{bar}</td></tr>"
    display(HTML(f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
                 f"<tbody>{rows}</tbody></table>"))


# %% [markdown]
# ## Step 1: read the notes
#
# Each row is one note: which group, which invented participant code, the note itself, and the
# concern label the team agreed on.

# %%
notes = pd.read_csv("data/discussion-notes.csv")
people = notes["participant"].nunique()
print(f"{len(notes)} notes from {people} participants in {notes['group'].nunique()} groups.")
show_table(notes.head(6))

# %% [markdown]
# ## Step 2: count people, not notes
#
# One person who talks a lot can leave many notes about the same thing. If we counted notes, the
# loudest voice would look like the most common concern. So we count the **different people**
# who raised each concern. We also count the groups it came up in.

# %%
per_concern = (
    notes.groupby("concern")
    .agg(people=("participant", "nunique"), notes=("note", "size"), groups=("group", "nunique"))
    .reset_index()
    .sort_values(["people", "concern"], ascending=[False, True])
)
per_concern["share of people"] = (per_concern["people"] / people).map("{:.0%}".format)
show_table(per_concern)

# %% [markdown]
# Look at "coordination between services": 5 notes, but only 3 people. One person (B1) made
# three separate points about it. Counted by notes, it would look as common as waiting for care.
# Counted by people, it is in the middle of the list.

# %% [markdown]
# ## Step 3: draw the counts
#
# Bars make the pattern quick to see. Each row is one concern; the bar's length is the number
# of people who raised it, out of the ten. The number stays beside each bar, so you do not
# need to judge lengths.

# %%
show_bars(per_concern[["concern", "people"]], "people", people,
          "Concerns raised in two SET discussion groups, by the number of people (synthetic data)")

# %% [markdown]
# **What the bars show.** Four concerns were each raised by about half of the ten people:
# being heard by care providers (6 people), and waiting for care, travel and distance, and
# information between visits (5 people each). Costs, caregiver load and coordination between
# services were each raised by 3 people. Culturally safe care was raised by 2 people. Every
# concern came up in both groups.

# %% [markdown]
# ## Step 4: compare the two groups
#
# The groups met in different ways and lived in different places. A concern that came up in
# only one group may tell us about that group's setting. Here we list who raised each concern,
# group by group.

# %%
by_group = (
    notes.drop_duplicates(["participant", "concern"])
    .pivot_table(index="concern", columns="group", values="participant", aggfunc="count", fill_value=0)
    .rename(columns={"A": "group A (rural, online)", "B": "group B (city, in person)"})
    .rename_axis(columns=None)  # no leftover "group" label over the table
    .reset_index()
)
show_table(by_group)

# %% [markdown]
# Travel and distance was raised by four of the five people in the rural group and by one
# person in the city group, who described a long bus trip. So the concern is shared, but it
# takes a different shape in each place: kilometres and winter roads in one group, transfers and
# time in the other.

# %% [markdown]
# ## What the counts can and cannot tell the team
#
# **They can** help the team check its impressions. After a lively discussion, people remember
# the most moving story best. The counts show which concerns many people share.
#
# **They cannot** tell the team what matters most. Only two people raised culturally safe care.
# One of them stopped going to the hospital because of it. That is a serious harm, and it may
# affect many more people than the two who spoke. People who feel unsafe are also less likely to
# come to a discussion group in the first place. A small count can point to a group that the
# discussion did not reach.
#
# **They also depend on the labels.** The team chose to put "visits are only 10 minutes" under
# "being heard". Another team might have called it "time with providers". The labels are
# decisions the team made and should be able to explain.
#
# So the team uses the counts as one input among several. The worked example beside this page,
# "From a SET discussion to research questions", shows how the team turned these concerns into
# candidate research questions, and why it did not simply pick the tallest bar.
#
# **Try it:** open `data/discussion-notes.csv`, move one note to a different concern, and run the
# page again. How much do the bars change? What does that tell you about the labels?
