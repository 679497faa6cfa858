import json

import pytest

from courses.h5p.validation import validate_package
from tests.factories.h5p import good_package, package_members, raw_zip

LIB = "H5P.BekalTrueFalse-1.0"


def codes(path, **kwargs) -> list[str]:
    return [problem.code for problem in validate_package(path, **kwargs).problems]


def h5p_json(**changes) -> bytes:
    data = json.loads(package_members()["h5p.json"])
    data.update(changes)
    return json.dumps({k: v for k, v in data.items() if v is not None}).encode()


def test_the_demo_package_is_valid(tmp_path):
    report = validate_package(good_package(tmp_path))
    assert report.ok, [p.text("en") for p in report.problems]
    assert report.dependency_keys() == {("H5P.BekalTrueFalse", 1, 0)}


def test_not_a_zip(tmp_path):
    path = tmp_path / "x.h5p"
    path.write_bytes(b"not a zip")
    assert codes(path) == ["not_a_zip"]


@pytest.mark.parametrize("field", ["title", "language", "mainLibrary", "embedTypes", "preloadedDependencies"])
def test_each_required_h5p_json_field(tmp_path, field):
    members = package_members()
    members["h5p.json"] = h5p_json(**{field: None})
    assert "h5p_field" in codes(raw_zip(tmp_path / "p.h5p", members))


def test_main_library_must_be_preloaded(tmp_path):
    members = package_members()
    members["h5p.json"] = h5p_json(mainLibrary="H5P.Other")
    assert "main_library_not_preloaded" in codes(raw_zip(tmp_path / "p.h5p", members))


def test_h5p_json_and_content_json_required_and_valid(tmp_path):
    members = package_members()
    del members["h5p.json"]
    members["content/content.json"] = b"{not json"
    found = codes(raw_zip(tmp_path / "p.h5p", members))
    assert "h5p_json_missing" in found and "json_invalid" in found
    members = package_members()
    del members["content/content.json"]
    assert "content_json_missing" in codes(raw_zip(tmp_path / "q.h5p", members))


def test_library_folder_name_and_library_json(tmp_path):
    members = package_members()
    members["BadFolder/library.json"] = b"{}"
    members[f"{LIB}/library.json"] = json.dumps({"title": "x", "machineName": "H5P.BekalTrueFalse"}).encode()
    found = codes(raw_zip(tmp_path / "p.h5p", members))
    assert "library_folder_name" in found
    assert found.count("library_field") >= 3  # majorVersion, minorVersion, patchVersion


@pytest.mark.parametrize("runnable", [None, "yes", 2])
def test_library_json_needs_runnable(tmp_path, runnable):
    members = package_members()
    lib = json.loads(members[f"{LIB}/library.json"])
    if runnable is None:
        del lib["runnable"]
    else:
        lib["runnable"] = runnable
    members[f"{LIB}/library.json"] = json.dumps(lib).encode()
    report = validate_package(raw_zip(tmp_path / "p.h5p", members))
    assert [(p.code, dict(p.params)["field"]) for p in report.problems] == [("library_field", "runnable")]


def test_a_dependency_version_must_be_a_number(tmp_path):
    members = package_members()
    h5p = json.loads(members["h5p.json"])
    h5p["preloadedDependencies"].append({"machineName": "H5P.Other", "majorVersion": True, "minorVersion": 0})
    members["h5p.json"] = json.dumps(h5p).encode()
    assert codes(raw_zip(tmp_path / "p.h5p", members)) == ["dependency_malformed"]


def test_library_json_missing_and_folder_mismatch(tmp_path):
    members = package_members()
    members["H5P.Extra-1.0/x.js"] = b""
    lib = json.loads(members[f"{LIB}/library.json"])
    lib["minorVersion"] = 3
    members[f"{LIB}/library.json"] = json.dumps(lib).encode()
    found = codes(raw_zip(tmp_path / "p.h5p", members))
    assert "library_json_missing" in found and "library_folder_mismatch" in found


def test_preloaded_files_must_be_present(tmp_path):
    members = package_members()
    del members[f"{LIB}/truefalse.js"]
    del members[f"{LIB}/truefalse.css"]
    assert codes(raw_zip(tmp_path / "p.h5p", members)).count("preloaded_file_missing") == 2


@pytest.mark.parametrize("kind", ["preloadedDependencies", "dynamicDependencies", "editorDependencies"])
def test_every_kind_of_dependency_must_be_satisfied(tmp_path, kind):
    members = package_members()
    lib = json.loads(members[f"{LIB}/library.json"])
    lib[kind] = [{"machineName": "H5P.Missing", "majorVersion": 2, "minorVersion": 1}]
    members[f"{LIB}/library.json"] = json.dumps(lib).encode()
    path = raw_zip(tmp_path / "p.h5p", members)
    report = validate_package(path)
    assert [p.code for p in report.problems] == ["dependency_missing"]
    assert "H5P.Missing-2.1" in report.problems[0].text("en")
    # ... and an installed library satisfies it
    installed = {("H5P.Missing", 2, 1): {"machineName": "H5P.Missing"}}
    assert validate_package(path, installed=installed.get).ok


def test_main_library_may_come_from_the_installed_ones(tmp_path):
    members = {k: v for k, v in package_members().items() if not k.startswith(LIB)}
    path = raw_zip(tmp_path / "p.h5p", members)
    assert codes(path) == ["dependency_missing"]
    assert validate_package(path, installed=lambda key: {"title": "x"}).ok


@pytest.mark.parametrize(
    "name", ["content/evil.svg", "content/x.xml", "content/a.js", "content/p.html", "content/s.php"]
)
def test_content_extension_whitelist(tmp_path, name):
    members = package_members()
    members[name] = b"<x/>"
    assert codes(raw_zip(tmp_path / "p.h5p", members)) == ["extension"]


def test_library_folders_may_add_code_but_not_pages(tmp_path):
    members = package_members()
    members[f"{LIB}/icon.svg"] = b"<svg/>"
    members[f"{LIB}/lang.xml"] = b"<x/>"
    assert validate_package(raw_zip(tmp_path / "p.h5p", members)).ok
    members[f"{LIB}/page.html"] = b"<html>"
    assert codes(raw_zip(tmp_path / "q.h5p", members)) == ["extension"]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("../evil.json", "path_traversal"),
        ("content/../../evil.json", "path_traversal"),
        ("/etc/passwd.json", "absolute_path"),
        ("C:/x.json", "absolute_path"),
        ("content\\x.json", "backslash_path"),
        ("content//x.json", "path_traversal"),
    ],
)
def test_unsafe_paths(tmp_path, name, code):
    members = package_members()
    members[name] = b"{}"
    assert code in codes(raw_zip(tmp_path / "p.h5p", members))


def test_symlinks_refused(tmp_path):
    members = package_members()
    members["content/link.json"] = b"/etc/passwd"
    assert "symlink" in codes(raw_zip(tmp_path / "p.h5p", members, symlinks=("content/link.json",)))


def test_duplicate_entries_refused(tmp_path):
    members = list(package_members().items()) + [("content/content.json", b"{}"), ("CONTENT/Content.json", b"{}")]
    assert codes(raw_zip(tmp_path / "p.h5p", members)).count("duplicate_entry") == 2


def test_unexpected_top_level_file(tmp_path):
    members = package_members()
    members["readme.txt"] = b"hi"
    assert codes(raw_zip(tmp_path / "p.h5p", members)) == ["unexpected_file"]


def test_too_many_files(tmp_path, settings):
    settings.H5P_MAX_FILES = 5
    members = package_members()
    for n in range(5):
        members[f"content/{n}.txt"] = b"x"
    assert "too_many_files" in codes(raw_zip(tmp_path / "p.h5p", members))


def test_per_file_and_total_size_limits(tmp_path, settings):
    settings.H5P_MAX_FILE_BYTES = 1000
    settings.H5P_MAX_TOTAL_BYTES = 1500
    settings.H5P_MAX_COMPRESSION_RATIO = 10**9
    members = package_members()
    members["content/big.txt"] = b"a" * 1001
    found = codes(raw_zip(tmp_path / "p.h5p", members))
    assert "file_too_large" in found and "total_too_large" in found


def test_default_limits(settings):
    assert settings.H5P_MAX_FILE_BYTES == 16 * 1024 * 1024
    assert settings.H5P_MAX_TOTAL_BYTES == 64 * 1024 * 1024


def test_zip_bomb_ratio(tmp_path):
    members = package_members()
    members["content/zeros.txt"] = b"\0" * (8 * 1024 * 1024)  # deflates about 1000:1
    found = codes(raw_zip(tmp_path / "p.h5p", members))
    assert "compression_ratio" in found


def test_every_problem_is_collected_and_bilingual(tmp_path):
    members = package_members()
    members["content/a.js"] = b""
    members["../x.json"] = b""
    del members[f"{LIB}/truefalse.js"]
    report = validate_package(raw_zip(tmp_path / "p.h5p", members))
    assert {"extension", "path_traversal", "preloaded_file_missing"} <= {p.code for p in report.problems}
    problem = next(p for p in report.problems if p.code == "extension")
    assert problem.text("en") == "content/a.js: files of type .js are not allowed here."
    assert problem.text("id") != problem.text("en")
