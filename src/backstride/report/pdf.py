"""report.pdf: the same HTML laid out for print by WeasyPrint (A4, page numbers; the videos
become a line naming their files). WeasyPrint needs Pango, installed by the set-up."""

from __future__ import annotations

import logging
from pathlib import Path

from backstride.errors import OutputError


def write_pdf(html: str, out: Path, *, base_dir: Path) -> Path:
    """Lay ``html`` out as a PDF at ``out``. Nothing is fetched: every resource is inline, and a
    URL fetcher that refuses everything but data: URIs makes sure of it."""
    try:
        import weasyprint
    except OSError as exc:  # Pango missing: the library loads it when imported
        raise OutputError(f"report.pdf needs Pango (apt-get install libpango-1.0-0 libpangoft2-1.0-0): {exc}") from None

    def refuse(url: str, *args, **kwargs):
        if url.startswith("data:"):  # the inline pictures
            return weasyprint.default_url_fetcher(url, *args, **kwargs)
        raise ValueError(f"the report may not fetch {url}")

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its CSS warnings are about screen-only rules
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    weasyprint.HTML(string=html, base_url=str(base_dir), url_fetcher=refuse).write_pdf(str(out))
    return out
