"""Display helpers shared by Course 2's notebooks.

Every figure is shown as an image with a text alternative, and every table with a caption and
no empty header cell, so that the pages work with a screen reader. A notebook in a module
folder imports them with:

    import sys
    sys.path.insert(0, "..")  # the course folder, where this file is
    from _display import show_figure, show_quote, show_table
"""

import base64
import html
import io
import os

from IPython.display import HTML, display

# On the site, its stylesheet draws the heat tables' shades and the quotations' rule (the site
# allows no inline style), and the build says so: PACER_OUTPUT=site. Anywhere else, such as a
# learner's computer, the output carries its own styles, so it looks the same there.
ON_SITE = os.environ.get("PACER_OUTPUT") == "site"


def show_figure(fig, alt):
    """Show a figure as an SVG image (small, sharp at any zoom) with a text alternative, then close it.

    Prefer a table (show_table, show_heat_table): it reflows on a phone and follows the dark
    scheme. A notebook that draws a figure imports matplotlib itself; so does this function,
    only when it is called, so that notebooks without figures do not need matplotlib.
    """
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    with plt.rc_context({"svg.fonttype": "none"}):  # text stays text: much smaller files than drawn glyphs
        fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode()
    display(HTML(f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}">'))


def show_quote(text, who):
    """Show a participant's words as a quotation, wrapped like any text, with who said them."""
    quote = _style("border-left: 4px solid #808080; margin: 0.8em 0; padding: 0.2em 0 0.2em 0.8em")
    footer = _style("font-weight: bold")
    display(HTML(f'<blockquote class="pacer-quote"{quote}><p>{html.escape(" ".join(str(text).split()))}</p>'
                 f"<footer{footer}>{html.escape(str(who))}</footer></blockquote>"))


def show_table(table, caption, row_label=None):
    """Show a table with a caption. Row labels become a named first column: no header cell is empty."""
    if row_label:
        table = table.rename_axis(row_label).reset_index()
    head = "".join(f'<th scope="col">{html.escape(str(name))}</th>' for name in table.columns)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(_cell(value))}</td>" for value in row) + "</tr>"
                   for row in table.itertuples(index=False))
    # Plain HTML: the site publishes tables without inline styles or generated ids.
    display(HTML(f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
                 f"<tbody>{rows}</tbody></table>"))


# The shades of a heat table, besides zero, and the text colour on each: the same as the site's
# stylesheet (overrides/assets/stylesheets/notebook-pages.css, td.pacer-heat-1 to 4).
HEAT_SHADES = {1: ("#deebf7", "#000"), 2: ("#9ecae1", "#000"), 3: ("#6baed6", "#000"), 4: ("#08519c", "#fff")}
HEAT_LEVELS = len(HEAT_SHADES)


def show_heat_table(table, caption, row_label=None):
    """Show a table of counts as a heat table: each count is text, on a shade that grows with it.

    The shades and their text colours (HEAT_SHADES, drawn by the site's stylesheet on the site):
    dark text on the light shades, white text on the darkest, chosen by the shade's luminance so
    every number is readable (4.5:1), in the light and the dark colour scheme alike.
    """
    if row_label:
        table = table.rename_axis(row_label).reset_index()
    numbers = table.select_dtypes("number")
    top = max(int(numbers.to_numpy().max()), 1) if not numbers.empty else 1
    head = "".join(f'<th scope="col">{html.escape(str(name))}</th>' for name in table.columns)
    rows = ""
    for row in table.itertuples(index=False):
        cells = ""
        for name, value in zip(table.columns, row):
            if name in numbers.columns:
                level = 0 if value == 0 else max(1, round(HEAT_LEVELS * value / top))
                shade = _style(f"background-color: {HEAT_SHADES[level][0]}; color: {HEAT_SHADES[level][1]}; "
                               "text-align: center") if level else _style("text-align: center")
                cells += f'<td class="pacer-heat pacer-heat-{level}"{shade}>{html.escape(_cell(value))}</td>'
            else:
                cells += f"<td>{html.escape(_cell(value))}</td>"
        rows += f"<tr>{cells}</tr>"
    display(HTML(f'<table class="pacer-heat-table"><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr>'
                 f"</thead><tbody>{rows}</tbody></table>"))


def _style(css):
    """An inline style attribute, except on the site (see ON_SITE)."""
    return "" if ON_SITE else f' style="{css}"'


def _cell(value) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
