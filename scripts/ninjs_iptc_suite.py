"""Run IPTC's ninjs validation suite through akhbar's ninjs reader and report the pass count.

Reads /work/shared/ninjs/validation/test_suite/<version>/{should_pass,should_fail}/*.json
(outside the test suite on purpose: the project's tests never read /work/shared; they
carry equivalent cases of their own in tests/wire/test_ninjs_spec.py). Each document is
validated against the major version its folder names, as IPTC's suite intends. A
should_pass document passes when it validates; a should_fail one when it is refused with
an error naming the field. Documents that validate are also run through `parse`, which
additionally needs a headline to make a story (reported separately, not a failure), and
validated once more with the version detected from the document, as `parse` does.

    .venv/bin/python scripts/ninjs_iptc_suite.py [--suite DIR] [-v]

Exit status 1 when any case does not behave as the suite expects.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from akhbar.wire.formats import ninjs  # noqa: E402
from akhbar.wire.items import WireError  # noqa: E402

SUITE = Path("/work/shared/ninjs/validation/test_suite")


def _auto_ok(data: bytes, kind: str) -> bool:
    """Whether the case behaves as expected when `parse` has to tell the version itself."""
    try:
        ninjs.validate(json.loads(data))
    except WireError:
        return kind == "should_fail"
    return kind == "should_pass"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", type=Path, default=SUITE)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every case")
    args = parser.parse_args()
    if not args.suite.is_dir():
        print(f"no suite at {args.suite}", file=sys.stderr)
        return 2
    total = passed = stories = auto = 0
    for folder in sorted(p for p in args.suite.iterdir() if p.is_dir()):
        major = int(folder.name.split(".")[0])
        if major < 2:
            continue
        counts = {"should_pass": [0, 0], "should_fail": [0, 0]}
        for kind in counts:
            for path in sorted((folder / kind).glob("*.json")):
                data = path.read_bytes()
                try:
                    ninjs.validate(json.loads(data), major=major)
                    ok, why = kind == "should_pass", "valid"
                except WireError as exc:
                    ok, why = kind == "should_fail" and bool(exc.field), f"refused: {exc}"
                if ok and kind == "should_pass":
                    try:
                        ninjs.parse(data)
                        stories += 1
                    except WireError:
                        pass
                auto += _auto_ok(data, kind)
                counts[kind][0] += ok
                counts[kind][1] += 1
                if args.verbose or not ok:
                    mark = "ok  " if ok else "FAIL"
                    print(f"  {mark} {folder.name}/{kind}/{path.name}: {why}")
        for kind, (good, n) in counts.items():
            print(f"ninjs {folder.name} {kind}: {good}/{n}")
            passed, total = passed + good, total + n
    print(
        f"IPTC ninjs suite (2.x, 3.x): {passed}/{total} cases behave as expected; "
        f"{stories} valid documents also parse into stories (the rest have no headline)"
    )
    print(f"with the version detected from the document instead of the folder: {auto}/{total}")
    return 0 if passed == total else 1


if __name__ == "__main__":
    sys.exit(main())
