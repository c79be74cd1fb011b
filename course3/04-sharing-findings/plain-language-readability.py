# %% [markdown]
# # Before and after: measuring a plain-language rewrite
#
# **The question this page answers:** how much easier to read is a plain-language summary
# than the technical abstract it came from, and which changes made the difference?
#
# **What you will see:** reading scores for both versions; each sentence's grade, and how many
# sentences are at or below grade 8; the long words the rewrite dropped; and what a reading
# score cannot tell you.
#
# **All text on this page is synthetic.** The study, the abstract and the summary were
# invented for teaching and describe no real study or person.
#
# A team of patient researchers wrote a technical abstract of their study of coming home
# after a hospital stay for COPD (a long-term lung disease). Then they rewrote it as a
# plain-language summary for participants and the public. Here we measure both versions
# with the `textstat` package, and look sentence by sentence at which changes moved the
# figures.
#
# The measures we use:
#
# - **Flesch-Kincaid grade**: roughly, the school grade a reader needs. It rises when
#   sentences get longer and when words have more syllables.
# - **Flesch reading ease**: a score where higher means easier.
# - **Sentences** and **words**: simple counts.
# - **Long-word share**: the share of words with three or more syllables.

# %% tags=["remove-cell"]
import html
import re

import pandas as pd
import textstat
from IPython.display import HTML, display


def read_text(path):
    """Read a data file, skipping its first line (the SYNTHETIC DATA label)."""
    with open(path, encoding="utf-8") as handle:
        label, *rest = handle.read().splitlines()
    assert label.startswith("SYNTHETIC DATA"), f"{path}: the first line should be the SYNTHETIC DATA label"
    return " ".join(line.strip() for line in rest if line.strip())


def long_word_share(text):
    return textstat.polysyllabcount(text) / textstat.lexicon_count(text)


def measures(text):
    return {
        "Flesch-Kincaid grade": round(textstat.flesch_kincaid_grade(text), 1),
        "Flesch reading ease": round(textstat.flesch_reading_ease(text), 1),
        "sentences": textstat.sentence_count(text),
        "words": textstat.lexicon_count(text),
        "words per sentence": round(textstat.lexicon_count(text) / textstat.sentence_count(text), 1),
        "syllables per word": round(textstat.syllable_count(text) / textstat.lexicon_count(text), 2),
        "long-word share": f"{long_word_share(text):.0%}",
    }


def table(frame, heading=""):
    """Show a table (with an optional caption) without the row numbers pandas adds."""
    # border=0 and no inline style: the site publishes plain tables only
    markup = frame.to_html(index=False, border=0).replace(' style="text-align: right;"', "")
    if heading:
        markup = markup.replace("<thead>", f"<caption>{html.escape(heading)}</caption><thead>", 1)
    display(HTML(markup))


# %% [markdown]
# ## How hard is each version to read, by the formulas?
#
# We read both texts and measure each one as a whole.

# %%
versions = {
    "technical abstract": read_text("data/technical-abstract.txt"),
    "plain-language summary": read_text("data/plain-language-summary.txt"),
}
overall = pd.DataFrame({name: measures(text) for name, text in versions.items()})
table(overall.rename_axis("measure").reset_index())

# %% [markdown]
# ## What the whole-text figures say
#
# The formula puts the technical abstract far past any school grade. The plain-language summary
# comes in well under grade 8, the level often aimed at for public material. Its reading-ease
# score is far higher.
#
# The summary is not shorter: it has a similar number of words. The difference is in how
# the words are packaged. It has many more sentences, so each sentence is much shorter. And
# far fewer of its words have three or more syllables.

# %% [markdown]
# ## Sentence by sentence
#
# To see where the difficulty sits, we split each text into sentences and measure each one.
# The split is simple: a new sentence starts after a full stop, question mark or
# exclamation mark followed by a space.

# %%
def sentences(text):
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def sentence_rows(name, text):
    for number, sentence in enumerate(sentences(text), start=1):
        yield {
            "version": name,
            "sentence": number,
            "grade": round(textstat.flesch_kincaid_grade(sentence), 1),
            "words": textstat.lexicon_count(sentence),
            "long words": textstat.polysyllabcount(sentence),
            "starts with": " ".join(sentence.split()[:6]) + " ...",
        }


by_sentence = pd.DataFrame([row for name, text in versions.items() for row in sentence_rows(name, text)])
for name in versions:
    table(by_sentence[by_sentence.version == name].drop(columns="version"), heading=name)

# %% [markdown]
# Very short sentences can score below zero. The formula was built for passages, not single
# sentences, so read sentence figures as rough pointers, not exact grades.
#
# ## The same figures, side by side
#
# How many sentences of each version are at or below grade 8, the level often aimed at for
# public material?

# %%
grade_eight = pd.DataFrame([
    {"version": name, "sentences": len(grades), "at or below grade 8": int((grades <= 8).sum()),
     "above grade 8": int((grades > 8).sum()), "lowest grade": grades.min(), "highest grade": grades.max()}
    for name, grades in by_sentence.groupby("version", sort=False)["grade"]])
table(grade_eight, heading="Sentences at or below grade 8, in each version")

# %% [markdown]
# **What the table shows:** the two versions do not overlap at all. Every sentence of the
# technical abstract is above grade 8, because each one is long and packed with long words.
# Nearly all the summary's sentences are at or below it.

# %% [markdown]
# ## Which changes moved the figures?
#
# The grade depends on two things: how long the sentences are and how long the words are.
# We look at each change in turn.
#
# ### Change 1: shorter sentences
#
# The abstract packs a whole idea, with its conditions, into one sentence. The summary
# gives each idea its own sentence.

# %%
for name, text in versions.items():
    lengths = [textstat.lexicon_count(s) for s in sentences(text)]
    print(f"{name}: {len(lengths)} sentences, {min(lengths)} to {max(lengths)} words each, "
          f"{sum(lengths) / len(lengths):.1f} on average")

# %% [markdown]
# ### Change 2: shorter, everyday words
#
# Here are the long words (three or more syllables) that the abstract used and the summary
# dropped. Many were swapped for a short everyday word or phrase: "hospitalization" became
# "put them in hospital", "utilizing" went away, "impediments" became "cost a lot of money
# and time".

# %%
def long_words(text):
    """Words of three or more syllables, keyed by lower case, keeping the text's spelling."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    return {word.lower(): word for word in words if textstat.syllable_count(word) >= 3}


before = long_words(versions["technical abstract"])
after = long_words(versions["plain-language summary"])
dropped = sorted((before[key] for key in before.keys() - after.keys()), key=str.lower)
kept = sorted(after.values(), key=str.lower)
print(f"Long words in the abstract but not in the summary ({len(dropped)}):")
print(", ".join(dropped))
print(f"\nLong words the summary still uses ({len(kept)}):")
print(", ".join(kept))

# %% [markdown]
# The long words the summary kept are mostly words readers need and know, such as
# "information", "hospital" and "appointments", or names such as "Saskatchewan". (The
# syllable counter is not perfect: it counts "hospital" as three syllables, like most
# dictionaries, but it can miscount unusual words.) That is fine. Plain
# language does not ban long words; it spends them only where they earn their place.
#
# ### Where to edit next
#
# The three hardest sentences that remain in the summary show where a further edit would help.

# %%
hardest = by_sentence[by_sentence.version == "plain-language summary"].nlargest(3, "grade")
for _, row in hardest.iterrows():
    print(f"Sentence {row.sentence} (grade {row.grade}): {sentences(versions['plain-language summary'])[row.sentence - 1]}")

# %% [markdown]
# The hardest one is a long sentence joined with "because". Here we try one more edit, split
# it in two and swap "seriously" for a plainer phrase, and measure again.

# %%
hardest_sentence = sentences(versions["plain-language summary"])[hardest.iloc[0].sentence - 1]
edited = "Many people were afraid to call for help. They thought no one would listen."
for label, text in [("as written", hardest_sentence), ("edited", edited)]:
    print(f"{label:>10}: grade {textstat.flesch_kincaid_grade(text):5.1f} | {text}")

# %% [markdown]
# ## What these figures cannot tell you
#
# Readability formulas count sentence length and syllables. They do not know whether a
# reader understands the text, finds it respectful, or can act on it. A sentence of short
# words can still be confusing, and a familiar long word such as "information" is not hard
# for most readers. Use the figures to find sentences worth a second look, then test the
# summary with people from the audience you wrote it for.
#
# **What to take from this page:** most of the change in the figures came from two moves,
# one idea per sentence and everyday words in place of technical ones. The summary also
# changed in ways the figures do not measure: it speaks as "we", names the people the study
# is about first, and ends with what should change.
