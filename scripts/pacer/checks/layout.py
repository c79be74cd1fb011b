"""Course and module folders: one course page, modules numbered 01, 02 ... without gaps."""

from __future__ import annotations

from pacer import model
from pacer.rules import problem


def check_course_layout(ctx, course: str) -> None:
    folder = ctx.root / course
    if not folder.is_dir():
        ctx.problems.append(problem(course, 1, "MOD105", f"the course folder {course}/ is missing"))
        return
    if not (folder / "index.md").is_file():
        ctx.problems.append(problem(f"{course}/index.md", 1, "MOD105", f"{course}/ has no course page index.md"))
    numbers: dict[int, str] = {}
    for child in sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink() and not model.hidden(p.name)):
        shown = ctx.shown(child)
        numbered = model.NUMBERED.match(child.name)
        kind = model.classify_folder(child.name)
        if kind != model.FOLDER_MODULE:
            if kind == model.FOLDER_MISNAMED or (child / "index.md").exists():
                ctx.problems.append(problem(shown, 1, "MOD101", f"the folder name \"{child.name}\" is not NN-slug"))
            if not numbered:
                continue
        number = int(numbered.group(1))
        if number in numbers:
            ctx.problems.append(problem(shown, 1, "MOD103", f"number {number:02d} is also used by {numbers[number]}"))
        else:
            numbers[number] = child.name
        if not (child / "index.md").is_file():
            ctx.problems.append(problem(shown, 1, "MOD104", f"the module folder {shown}/ has no index.md"))
    expected = 1
    for number in sorted(numbers):
        if number != expected:
            missing = f"{expected:02d}" if number == expected + 1 else f"{expected:02d} to {number - 1:02d}"
            ctx.problems.append(problem(ctx.shown(folder / numbers[number]), 1, "MOD102",
                                         f"module {missing} is missing before {numbers[number]}"))
        expected = number + 1
