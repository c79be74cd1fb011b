"""Self-checks that cannot be answered without reading: cues that give the key away.

Item-writing guides name the cues a learner can use instead of the question: the correct option
is the longest one, or sits in the same place again and again, or the "choose all that apply"
questions always key the same letters. These checks count them per course, over the self-checks
of every module (the model reads them), and ``make check`` prints what two guessing strategies
would score: always pick the longest option, always pick the same letter.
"""

from __future__ import annotations

from dataclasses import dataclass

from pacer.rules import problem

MAX_LONGEST_SHARE = 0.35   # single-answer questions whose key is the longest option
MIN_POSITION_SHARE = 0.10  # of the keys of four-option questions, at each letter
MAX_POSITION_SHARE = 0.40
MAX_STRATEGY_SCORE = 0.40  # what "always the longest" or "always the same letter" would score
LETTERS = "ABCDE"
SHOWN_QUESTIONS = 5        # how many questions a message names, first to rework
MIN_QUESTIONS = 8          # a course with fewer single-answer questions is too small to judge


@dataclass(frozen=True)
class Question:
    """One self-check as the cue checks see it."""
    where: str            # "course1/02-slug/index.md:57"
    lengths: tuple        # each option's length in characters
    keys: tuple           # the positions (0-based) of the correct options

    @property
    def single(self) -> bool:
        return len(self.keys) == 1

    @property
    def longest(self) -> tuple:
        most = max(self.lengths)
        return tuple(i for i, length in enumerate(self.lengths) if length == most)

    @property
    def key_is_longest(self) -> bool:
        """The key is the one longest option (a tie for longest gives nothing away)."""
        return self.single and self.longest == self.keys


@dataclass
class CourseCues:
    course: str
    questions: list

    @property
    def single(self) -> list:
        return [q for q in self.questions if q.single]

    @property
    def untied(self) -> list:
        return [q for q in self.single if len(q.longest) == 1]

    @property
    def longest_share(self) -> float:
        untied = self.untied
        return sum(q.key_is_longest for q in untied) / len(untied) if untied else 0.0

    @property
    def four_option_positions(self) -> list[int]:
        counts = [0, 0, 0, 0]
        for q in self.single:
            if len(q.lengths) == 4:
                counts[q.keys[0]] += 1
        return counts

    @property
    def always_longest_score(self) -> float:
        """Picking one of the longest options at random, on every single-answer question."""
        single = self.single
        return sum(1 / len(q.longest) for q in single if q.keys[0] in q.longest) / len(single) if single else 0.0

    def always_letter_scores(self) -> dict[str, float]:
        single = self.single
        if not single:
            return {}
        return {letter: sum(q.keys[0] == i for q in single) / len(single) for i, letter in enumerate(LETTERS)
                if any(len(q.lengths) > i for q in single)}

    @property
    def best_letter(self) -> tuple[str, float]:
        scores = self.always_letter_scores()
        return max(scores.items(), key=lambda item: item[1]) if scores else ("A", 0.0)


def course_cues(curriculum) -> list[CourseCues]:
    found = []
    for course in curriculum.courses.values():
        questions = []
        for module in course.modules:
            if module.page is None or module.page.text is None:
                continue
            at = module.page.body_line
            for check in module.self_checks:
                if len(check.options) < 2 or check.problems:
                    continue
                questions.append(Question(f"{module.page.shown}:{at + check.line}",
                                          tuple(len(o.text) for o in check.options),
                                          tuple(i for i, o in enumerate(check.options) if o.correct)))
        found.append(CourseCues(course.name, questions))
    return found


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _first(questions: list) -> str:
    shown = [q.where for q in questions[:SHOWN_QUESTIONS]]
    more = f" and {len(questions) - SHOWN_QUESTIONS} more" if len(questions) > SHOWN_QUESTIONS else ""
    return ", ".join(shown) + more


def check_cues(ctx) -> None:
    """Add a problem for each course whose self-checks carry a cue beyond its limit."""
    for cues in course_cues(ctx.curriculum):
        if len(cues.single) < MIN_QUESTIONS:
            continue
        where = f"{cues.course}/index.md"
        if cues.untied and cues.longest_share > MAX_LONGEST_SHARE:
            rework = [q for q in cues.untied if q.key_is_longest]
            ctx.problems.append(problem(where, 1, "MOD320", (
                f"in {cues.course}, the correct option is the longest in {sum(q.key_is_longest for q in cues.untied)} "
                f"of {len(cues.untied)} single-answer questions ({_percent(cues.longest_share)}; at most "
                f"{_percent(MAX_LONGEST_SHARE)}); rework first: {_first(rework)}")))
        counts = cues.four_option_positions
        total = sum(counts)
        if total >= 4:
            for index, count in enumerate(counts):
                share = count / total
                if share > MAX_POSITION_SHARE or share < MIN_POSITION_SHARE:
                    letter = LETTERS[index]
                    if share > MAX_POSITION_SHARE:
                        rework = [q for q in cues.single if len(q.lengths) == 4 and q.keys[0] == index]
                        hint = f"move the key away from {letter} in: {_first(rework)}"
                    else:
                        hint = f"put the key at {letter} in some of the four-option questions"
                    ctx.problems.append(problem(where, 1, "MOD321", (
                        f"in {cues.course}, {count} of the {total} four-option questions key {letter} "
                        f"({_percent(share)}; each letter needs {_percent(MIN_POSITION_SHARE)} to "
                        f"{_percent(MAX_POSITION_SHARE)}); {hint}")))
        longest, (letter, letter_score) = cues.always_longest_score, cues.best_letter
        for strategy, score in (("always picking the longest option", longest),
                                (f"always picking {letter}", letter_score)):
            if cues.single and score > MAX_STRATEGY_SCORE:
                ctx.problems.append(problem(where, 1, "MOD322", (
                    f"in {cues.course}, {strategy} scores {_percent(score)} without reading a question "
                    f"(at most {_percent(MAX_STRATEGY_SCORE)})")))
        multiple = [q for q in cues.questions if not q.single]
        if len(multiple) >= 2 and len({q.keys for q in multiple}) == 1:
            keyed = "".join(LETTERS[i] for i in multiple[0].keys)
            ctx.problems.append(problem(where, 1, "MOD323", (
                f"in {cues.course}, all {len(multiple)} \"choose all that apply\" questions key {keyed}; "
                f"change the keyed options in: {_first(multiple)}")))


def strategy_report(curriculum) -> str:
    """Per course: the cue figures and what the two guessing strategies would score."""
    lines = ["Self-check cues per course (limits: longest key at most "
             f"{_percent(MAX_LONGEST_SHARE)}; each letter {_percent(MIN_POSITION_SHARE)}-"
             f"{_percent(MAX_POSITION_SHARE)} of four-option keys; each strategy at most {_percent(MAX_STRATEGY_SCORE)}):"]
    for cues in course_cues(curriculum):
        if not cues.questions:
            continue
        counts = cues.four_option_positions
        letter, letter_score = cues.best_letter
        lines.append(
            f"  {cues.course}: {len(cues.questions)} questions ({len(cues.single)} single-answer); longest option is the key "
            f"in {sum(q.key_is_longest for q in cues.untied)} of {len(cues.untied)} ({_percent(cues.longest_share)}); "
            f"four-option keys A/B/C/D {'/'.join(map(str, counts))}; always the longest scores "
            f"{_percent(cues.always_longest_score)}, always {letter} scores {_percent(letter_score)}")
    return "\n".join(lines)
