"""bench/RESULTS.md is written by several make targets: each replaces only its own section, between its markers."""

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def section_write(name: str, lines: list[str]) -> None:
    begin, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    block = "\n".join([begin, *lines, end])
    text = RESULTS.read_text() if RESULTS.exists() else ""
    if begin in text:
        head, _, rest = text.partition(begin)
        text = head + block + rest.partition(end)[2]
    else:
        text = f"{text.rstrip()}\n\n{block}\n".lstrip()
    RESULTS.write_text(text)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (`share` of 1) of the timings, as every bench script reports it."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
