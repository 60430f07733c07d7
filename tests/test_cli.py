"""The ``quotes`` command: formats, inputs, bad input, atomic output."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotes.cli import main

ARTICLE = "„Wir sind bereit“, sagte die Ministerin. Sie betonte, man werde handeln.\n"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out, err = capsys.readouterr()
    return status, out, err


def test_text_file_jsonl_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "artikel-1.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    status, out, err = run(["extract", str(article), "--format", "jsonl"], capsys)
    assert status == 0 and err == ""
    record = json.loads(out)
    assert record["id"] == "artikel-1"
    first = record["quotes"][0]
    assert set(first) >= {"type", "start", "end", "text", "speaker", "cue"}
    assert first["type"] == "direct" and first["text"] == "Wir sind bereit"
    assert set(first["speaker"]) >= {"text", "start", "end", "entity"}
    assert set(first["cue"]) >= {"text", "start", "end", "lemma"}
    assert ARTICLE[first["start"]:first["end"]] == first["text"]


def test_text_format_lists_speaker_and_quote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    status, out, _ = run(["extract", str(article)], capsys)
    assert status == 0
    assert "die Ministerin — „Wir sind bereit“" in out


def test_bad_jsonl_line_is_reported_and_others_processed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join([
        json.dumps({"id": "a", "text": ARTICLE}),
        "{not json",
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": "„Nein“, sagte er."}),
    ]) + "\n", encoding="utf-8")
    status, out, err = run(["extract", str(corpus), "--format", "jsonl"], capsys)
    assert status == 1
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a", "d"]
    assert f"{corpus}:2" in err and "not valid JSON" in err
    assert f"{corpus}:3" in err and '"text"' in err


def test_invalid_utf8_reported_with_byte_offset_or_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "kaputt.txt"
    broken.write_bytes("„Ja“, sagte er. ".encode() + b"\xff\xfe Ende")
    status, out, err = run(["extract", str(broken), "--format", "jsonl"], capsys)
    assert status == 1 and out == ""
    assert "invalid UTF-8 at byte 20" in err  # „ and “ take three bytes each
    status, out, err = run(["extract", str(broken), "--format", "jsonl", "--errors", "replace"], capsys)
    assert status == 0
    assert json.loads(out)["quotes"][0]["text"] == "Ja"


def test_empty_and_missing_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "leer.txt"
    empty.write_text("", encoding="utf-8")
    status, out, err = run(["extract", str(empty), str(tmp_path / "fehlt.txt"), "--format", "jsonl"], capsys)
    assert status == 1
    assert json.loads(out) == {"id": "leer", "quotes": []}
    assert "fehlt.txt: no such file" in err


def test_json_format_and_atomic_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "out" / "result.json"
    status, out, _ = run(["extract", str(article), str(article), "--format", "json", "-o", str(target)], capsys)
    assert status == 0 and out == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [doc["id"] for doc in data] == ["a", "a"]
    assert not list(target.parent.glob("*.part"))


def test_stdin_text_and_jsonl(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    status, out, _ = run(["extract", "-", "--format", "jsonl"], capsys)
    assert status == 0 and json.loads(out)["id"] == "stdin"
    line = json.dumps({"id": "x", "text": ARTICLE}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(line.encode())))
    status, out, _ = run(["extract", "-", "--format", "jsonl"], capsys)
    assert status == 0 and json.loads(out)["id"] == "x"


def test_folder_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    status, out, _ = run(["extract", str(tmp_path), "--format", "jsonl"], capsys)
    assert status == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a", "b"]


def test_evaluate_prints_scores(capsys: pytest.CaptureFixture[str]) -> None:
    gold = Path(__file__).resolve().parent.parent / "seeds" / "gold.jsonl"
    status, out, _ = run(["evaluate", str(gold)], capsys)
    assert status == 0
    assert "direct F1" in out and "attribution" in out and "end-to-end F1" in out


def test_python_dash_m_entry_point(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "quotes", "extract", str(article), "--format", "jsonl"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["quotes"][0]["speaker"]["text"] == "die Ministerin"


def test_csv_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv

    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "quotes.csv"
    status, _, _ = run(["extract", str(article), "--format", "csv", "-o", str(target)], capsys)
    assert status == 0
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:5] == ["document", "type", "start", "end", "text"]
    assert [row[4] for row in rows[1:]] == ["Wir sind bereit", "man werde handeln"]


def test_jobs_keep_input_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus.jsonl"
    texts = [f"„Satz {i}“, sagte die Ministerin {i}." for i in range(40)]
    corpus.write_text("".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts)) +
                      "kaputt\n", encoding="utf-8")
    status, one, _ = run(["extract", str(corpus), "--format", "jsonl", "--jobs", "1"], capsys)
    status_two, two, err = run(["extract", str(corpus), "--format", "jsonl", "--jobs", "2"], capsys)
    assert status == status_two == 1 and "corpus.jsonl:41" in err
    assert one == two
    assert [json.loads(line)["id"] for line in two.splitlines()] == [str(i) for i in range(40)]


def test_a_crash_in_one_document_is_reported_with_its_id(monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from quotes import Extractor

    real = Extractor.extract

    def fragile(self, text: str):
        if "BOOM" in text:
            raise RuntimeError("simulated bug")
        return real(self, text)

    monkeypatch.setattr(Extractor, "extract", fragile)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "bad", "text": "BOOM"}) + "\n" +
                      json.dumps({"id": "good", "text": "„Ja“, sagte er."}) + "\n", encoding="utf-8")
    status, out, err = run(["extract", str(corpus), "--format", "jsonl"], capsys)
    assert status == 1
    assert "bad: extraction failed: RuntimeError: simulated bug" in err
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["good"]


def test_index_render_and_schema_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    index_file = tmp_path / "index.json"
    status, _, _ = run(["index", str(seeds / "000_13bad7d7c0daec19.txt"), str(seeds / "003_b215cd86231ae13d.txt"),
                        "-o", str(index_file), "--quiet"], capsys)
    assert status == 0
    index = json.loads(index_file.read_text(encoding="utf-8"))
    assert [d["id"] for d in index["documents"]] == ["000_13bad7d7c0daec19", "003_b215cd86231ae13d"]
    names = {s["name"] for s in index["speakers"]}
    assert "Alexander Lukaschenko" in names and "Wladimir Putin" in names
    page = tmp_path / "page.html"
    status, _, _ = run(["render", str(seeds / "000_13bad7d7c0daec19.txt"), "-o", str(page)], capsys)
    assert status == 0 and 'class="quote quote-indirect' in page.read_text(encoding="utf-8")
    status, out, _ = run(["schema", "extract"], capsys)
    assert status == 0 and json.loads(out)["title"]


def test_progress_line_and_document_count(tmp_path: Path) -> None:
    from quotes.batch import Progress
    from quotes.documents import count_documents

    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "text": "x"}) + "\n" for i in range(5)), encoding="utf-8")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert count_documents([str(corpus), str(tmp_path / "a.txt")]) == 6
    assert count_documents(["-"]) is None

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    progress = Progress(screen, total=6)
    for _ in range(6):
        progress.step()
    progress.close()
    assert "6/6 documents" in screen.getvalue() and "ETA" in screen.getvalue()
    quiet = io.StringIO()  # not a terminal: nothing is written
    Progress(quiet, total=6).step()
    assert quiet.getvalue() == ""
