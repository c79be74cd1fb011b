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

import matplotlib

matplotlib.use("Agg")  # draw off screen; figures are shown as <img> with alt text
import matplotlib.pyplot as plt  # noqa: E402
from IPython.display import HTML, display  # noqa: E402


plt.rcParams["svg.fonttype"] = "none"  # keep text as text: much smaller files than drawn glyphs


def show_figure(fig, alt):
    """Show a figure as an SVG image (small, sharp at any zoom) with a text alternative, then close it."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode()
    display(HTML(f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}">'))


def show_quote(text, who):
    """Show a participant's words as a quotation, wrapped like any text, with who said them."""
    display(HTML(f'<blockquote class="pacer-quote"><p>{html.escape(" ".join(str(text).split()))}</p>'
                 f"<footer>{html.escape(str(who))}</footer></blockquote>"))


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


def _cell(value) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
