"""Documents to render in tests: a small one with every kind of block, and a large one."""

from __future__ import annotations

import io

from PIL import Image

from planmonitor.evaluation.documents.blocks import (
    BulletList,
    Document,
    Figure,
    Heading,
    Markdown,
    PageBreak,
    Paragraph,
    Table,
)

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 300" width="640" height="300">'
    '<rect x="10" y="10" width="300" height="200" fill="#0b4f9c"/>'
    '<text x="20" y="250">Grafiektekst</text></svg>'
)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 300), "white").save(buffer, "PNG")
    return buffer.getvalue()


def figure(number: int = 1) -> Figure:
    return Figure(
        svg=SVG,
        png=png(),
        alt=f"Lijn van indicator {number}: van 10 naar 25",
        caption=f"Figuur {number}",
    )


def sample_document(language: str = "nl") -> Document:
    document = Document(
        title="Tussentijdse <evaluatie> & co",
        subtitle="Actieplan genderrelated geweld",
        title_lines=["Momentopname 30/06/2027", "Bevat voorbeeldgegevens"],
        language=language,
        footer="Tussentijdse evaluatie – momentopname 30/06/2027",
    )
    document.add(
        Heading("Samenvatting", level=1),
        Paragraph("Een eerste regel.", style="lead"),
        Paragraph("Gewone tekst met <b>geen</b> opmaak."),
        Paragraph("Een toelichting.", style="note"),
        Heading("Acties per status", level=2),
        Table(
            columns=("Status", "Aantal"),
            rows=(("Lopend", "1.234"), ("Afgerond", "7")),
            caption="Acties per status",
            numeric=frozenset({1}),
        ),
        figure(1),
        Heading("Details", level=3),
        BulletList(items=("Eerste punt", "Tweede punt")),
        PageBreak(),
        Heading("Conclusies", level=1),
        Markdown(
            "**Vet** en *schuin*\n\n- een\n- twee\n\n"
            "<script>alert('x')</script> [klik](javascript:alert(1))\n\n"
            "| Kolom | Waarde |\n|---|---|\n| rij | 42 |"
        ),
    )
    return document


def large_document(actions: int = 100) -> Document:
    """About six blocks per action: ~600 blocks with ``actions`` figures."""
    document = Document(title="Groot document", footer="Voettekst")
    image = png()
    for number in range(actions):
        document.add(
            Heading(f"Actie {number}", level=1 if number % 10 == 0 else 2),
            Paragraph("Tekst over de actie. " * 20),
            Markdown("**Vet** en *schuin*\n\n- een\n- twee"),
            Table(
                columns=("Indicator", "Basis", "Doel"),
                rows=tuple((f"indicator {row}", str(row), str(2 * row)) for row in range(5)),
                caption="Indicatoren",
                numeric=frozenset({1, 2}),
            ),
            Figure(svg=SVG, png=image, alt=f"Grafiek {number}", caption=f"Figuur {number}"),
            BulletList(items=("x", "y")),
        )
    return document
