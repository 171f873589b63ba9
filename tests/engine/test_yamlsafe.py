"""The safe reader: plain data, exact positions, hostile input refused with a diagnostic.

How long a refusal takes is a figure for the benchmark (`python -m benchmarks --only hostile`), not a test."""

import pytest

from game.engine.diagnostics import DiagnosticBag
from game.engine.yamlsafe import MAX_FILE_BYTES, parse_yaml_text, read_yaml_file


def parse(text):
    bag = DiagnosticBag()
    doc = parse_yaml_text(text, "f.yaml", bag)
    return doc, [str(d) for d in bag.sorted()]


def test_yaml_11_words_stay_text_and_numbers_stay_numbers():
    doc, errors = parse("a: No\nb: yes\nc: on\nd: off\ne: 3\nf: true\ng: -2\n")
    assert errors == []
    assert doc.data == {"a": "No", "b": "yes", "c": "on", "d": "off", "e": 3, "f": True, "g": -2}


def test_positions_of_keys_and_values_are_one_based():
    doc, _ = parse("top:\n  key: value\n  list:\n    - item\n")
    assert (doc.kpos(("top", "key")).line, doc.kpos(("top", "key")).col) == (2, 3)
    assert (doc.pos(("top", "key")).line, doc.pos(("top", "key")).col) == (2, 8)
    assert (doc.pos(("top", "list", 0)).line, doc.pos(("top", "list", 0)).col) == (4, 7)


def test_duplicate_key_is_an_error_at_the_second_key():
    _, errors = parse("a: 1\nb: 2\na: 3\n")
    assert errors == ["f.yaml:3:1: error E0006: duplicate key 'a' (first defined at line 1); later value would silently replace it"]


@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system ['echo hacked']\n",
    "a: !!python/name:os.system\n",
    "a: !custom thing\n",
])
def test_object_building_tags_are_refused(text):
    doc, errors = parse(text)
    assert doc is None
    assert errors and "E0005" in errors[0] and ":1:4:" in errors[0]


def test_alias_bomb_is_refused_at_its_first_alias():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    doc, errors = parse("\n".join(lines) + "\n")
    assert doc is None
    assert errors == ["f.yaml:2:10: error E0007: anchors and aliases (&name / *name) are not supported in story files"]


def test_tab_indentation_says_tab():
    _, errors = parse("a:\n\t- b\n")
    assert len(errors) == 1 and ":2:1:" in errors[0] and "tab" in errors[0]


def test_syntax_error_has_line_and_column():
    _, errors = parse("a: [1, 2\nb: 3\n")
    assert errors[0].startswith("f.yaml:") and "E0004" in errors[0]


def test_empty_and_comment_only_files_are_errors():
    assert "E0003" in parse("")[1][0]
    assert "E0003" in parse("# nothing here\n\n")[1][0]


def test_deep_nesting_is_refused():
    doc, errors = parse("[" * 5000 + "]" * 5000)
    assert doc is None  # libyaml's own depth guard answers first
    assert errors == ["f.yaml:1:1001: error E0004: YAML syntax: while increasing flow level: exceeded maximum nesting depth"]
    doc, errors = parse("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 200)))
    assert doc is None  # within libyaml's limit, deeper than 64 levels is ours to refuse
    assert errors == ["f.yaml:65:129: error E0008: nesting deeper than 64 levels; story files never need this"]


def test_bad_utf8_points_at_the_byte(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"a: ok\nb: caf\xe9\n")
    bag = DiagnosticBag()
    assert read_yaml_file(path, "bad.yaml", bag) is None
    assert str(bag.items[0]) == "bad.yaml:2:7: error E0002: not valid UTF-8 (byte 0xe9); save the file as UTF-8"


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:  # a sparse 60 MB file: instant to make, would be slow to parse
        handle.truncate(60 * 1024 * 1024)
    bag = DiagnosticBag()
    assert read_yaml_file(path, "huge.yaml", bag) is None
    assert [str(d) for d in bag.items] == [
        f"huge.yaml:1:1: error E0001: file is 62.9 MB; story files are limited to {MAX_FILE_BYTES // (1024 * 1024)} MB"]


def test_two_documents_in_one_file_are_an_error():
    _, errors = parse("a: 1\n---\nb: 2\n")
    assert "one YAML document" in errors[0]


def test_every_repeated_key_is_named_and_reading_goes_on():
    doc, errors = parse("a: 1\nb: 2\na: 3\nb: [x]\na: {y: z}\nc: 4\n")
    assert errors == [
        "f.yaml:3:1: error E0006: duplicate key 'a' (first defined at line 1); later value would silently replace it",
        "f.yaml:4:1: error E0006: duplicate key 'b' (first defined at line 2); later value would silently replace it",
        "f.yaml:5:1: error E0006: duplicate key 'a' (first defined at line 1); later value would silently replace it"]
    assert doc.data == {"a": 1, "b": 2, "c": 4}  # the first value of each key stays; the repeats are left out
    assert (doc.kpos(("c",)).line, doc.pos(("c",)).col) == (6, 4)


def test_keys_that_are_not_text_become_text():
    doc, errors = parse("1: a\ntrue: b\n~: c\n2.5: d\n'1': e\n")
    assert errors == ["f.yaml:5:1: error E0006: duplicate key '1' (first defined at line 1); later value would "
                      "silently replace it"]  # the number 1 and the text '1' are the same key
    assert doc.data == {"1": "a", "true": "b", "": "c", "2.5": "d"}
    assert doc.pos(("2.5",)).line == 4


def test_values_in_flow_lists_and_mappings_keep_their_places_and_digits():
    doc, errors = parse("x: [a, {b: 1.10}, [c, 'd']]  # note\ny: 2.50 # half\nz: !!int '4'\n")
    assert errors == []
    assert doc.data == {"x": ["a", {"b": 1.1}, ["c", "d"]], "y": 2.5, "z": 4}
    assert (doc.pos(("x", 1, "b")).line, doc.pos(("x", 1, "b")).col) == (1, 12)
    assert (doc.pos(("x", 2, 1)).line, doc.pos(("x", 2, 1)).col) == (1, 23)
    assert doc.is_quoted(("x", 2, 1)) and doc.is_quoted(("z",)) and not doc.is_quoted(("x", 0))
    assert doc.number_text(("x", 1, "b")) == "1.10" and doc.number_text(("y",)) == "2.50"
    assert doc.comment_after(("y",)) == "# half" and doc.comment_after(("x", 0)) is None
    assert doc.number_texts() == {("x", 1, "b"): "1.10", ("y",): "2.50"}


def test_a_file_that_is_one_value_has_its_place_and_digits():
    doc, errors = parse("  1.10\n")
    assert errors == [] and doc.data == 1.1
    assert (doc.pos(()).line, doc.pos(()).col) == (1, 3)
    assert doc.number_texts() == {(): "1.10"}  # its place holds where it starts, not a first child
    doc, _ = parse("  just words\n")
    assert doc.data == "just words" and doc.number_texts() == {}


def test_places_in_and_after_a_list_of_thousands_are_right():
    items = [f"w{i}" for i in range(5000)]  # long enough that its places are moved in one piece
    line = "a: [" + ", ".join(items) + "]"
    doc, errors = parse(line + "\nb: {c: [1, 2]}\n")
    assert errors == [] and doc.data["a"] == items
    assert doc.pos(("a", 4999)).col == line.index("w4999") + 1
    assert (doc.pos(("b", "c", 1)).line, doc.pos(("b", "c", 1)).col) == (2, 12)
    assert doc.kpos(("b",)).line == 2


def test_one_lookup_gives_a_values_place_quoting_digits_and_comment():
    """Neighbours differ in every answer, so a place one off (the key, or the next value) would show."""
    doc, errors = parse('a:\n  - "say {x}"\n  - 1.10\n  - 2.50 # half\n  - plain # note\nb: {c: \'q\', d: 7}\n')
    assert errors == []

    def answers(path):
        found = doc.scalar(path)
        return found.pos.line, found.pos.col, found.quoted, found.number, found.comment

    assert answers(("a", 0)) == (2, 5, True, None, None)
    assert answers(("a", 1)) == (3, 5, False, "1.10", None)
    assert answers(("a", 2)) == (4, 5, False, "2.50", "# half")
    assert answers(("a", 3)) == (5, 5, False, None, "# note")
    assert answers(("b", "c")) == (6, 8, True, None, None)
    assert answers(("b", "d")) == (6, 16, False, None, None)
    assert answers(("b", "e")) == (6, 4, False, None, None)  # not there: the nearest ancestor's place, nothing else
    assert answers(("a", 3, "x")) == (5, 5, False, None, None)
    assert doc.is_quoted(("a", 0)) and doc.number_text(("a", 1)) == "1.10" and doc.comment_after(("a", 3)) == "# note"


def test_a_compiled_document_answers_digits_by_path_and_has_no_places():
    from game.engine.doc import Doc

    doc = Doc("story.json", {"version": 1.1, "v": [2.5]}, numbers={("version",): "1.10", ("v", 0): "2.50"})
    assert doc.scalar(("version",)) == (doc.pos(()), False, "1.10", None)
    assert doc.scalar(("v", 0)).number == "2.50" and doc.scalar(("v", 1)).number is None
    assert (doc.pos(("v", 0)).line, doc.pos(("v", 0)).col) == (1, 1)
