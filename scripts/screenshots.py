"""Retake the README's screenshots from a store (run after `make demo`).

    .venv/bin/python scripts/screenshots.py [--db out/sample.duckdb] [--pair USA PAK]

Serves the store on a free local port, opens the dyad page and its brief
(/dyad/A/B/brief: the same view, laid out for one A4 page) in headless
Chromium and writes docs/img/dyad.png and docs/img/brief.png. `make
screenshots` ingests the sample corpus (if needed) and runs this.
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from entente.report import CHROMIUM_FLAGS, find_chromium
from entente.web import create_app

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", type=Path, default=ROOT / "out" / "sample.duckdb")
    ap.add_argument("--pair", nargs=2, default=("USA", "PAK"))
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = ap.parse_args()
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("no Chromium: run scripts/install_browser.sh")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(args.db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    a, b = args.pair
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=list(CHROMIUM_FLAGS))
        shots = [(f"http://127.0.0.1:{port}/dyad/{a}/{b}", "dyad.png", (1280, 2000)),
                 (f"http://127.0.0.1:{port}/dyad/{a}/{b}/brief", "brief.png", (794, 1123))]
        for url, name, (width, height) in shots:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url, wait_until="networkidle")
            page.screenshot(path=str(args.out / name))
            page.close()
            print(f"wrote {args.out / name}")
        browser.close()
    server.should_exit = True


if __name__ == "__main__":
    main()
