"""Headless Chromium (Debian's ``chromium`` and ``chromium-driver``) driven by Selenium,
for the console's browser tests and bench: a 1366×768 window, Chinese locale, pages
waited for by their ``data-ready`` marker, screenshots into ``var/screenshots``."""

from __future__ import annotations

import base64
import os
import shutil
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "var" / "screenshots"
WIDTH, HEIGHT = 1366, 768


def chromium() -> WebDriver:
    """A fresh headless Chromium at 1366×768 (make browser installs it)."""
    binary = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        raise RuntimeError("chromium and chromedriver are missing: run `make browser` (as root)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in (
        "--headless=new",
        f"--window-size={WIDTH},{HEIGHT}",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--lang=zh-CN",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--metrics-recording-only",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # Chromium takes its interface language (date fields, number formats) from LANGUAGE
    service = Service(
        driver_path, env={**os.environ, "LANGUAGE": "zh_CN:zh", "LANG": "zh_CN.UTF-8"}
    )
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(60)
    # the page's viewport itself is 1366×768, whatever the headless window adds
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False},
    )
    return driver


def login(driver: WebDriver, base: str, username: str, password: str) -> None:
    """Through the console's own login form, as a person would."""
    driver.delete_all_cookies()
    driver.get(f"{base}/login")
    driver.find_element(By.NAME, "username").send_keys(username)
    password_box = driver.find_element(By.NAME, "password")
    password_box.send_keys(password)
    password_box.submit()
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.ID, "who"))


def open_page(driver: WebDriver, url: str, timeout: float = 30) -> None:
    """Opens a page and waits until it says it has its data (or refused)."""
    driver.get(url)
    wait_ready(driver, timeout)


def wait_ready(driver: WebDriver, timeout: float = 30) -> None:
    WebDriverWait(driver, timeout).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "h1[data-ready='1'], [data-refusal]")
    )


def texts(driver: WebDriver, css: str) -> list[str]:
    return [str(e.text) for e in driver.find_elements(By.CSS_SELECTOR, css)]


def attr(driver: WebDriver, css: str, name: str) -> str | None:
    found = driver.find_elements(By.CSS_SELECTOR, css)
    return str(found[0].get_attribute(name)) if found else None


def row_keys(driver: WebDriver, table_id: str) -> list[str]:
    return [
        str(e.get_attribute("data-key"))
        for e in driver.find_elements(By.CSS_SELECTOR, f"#{table_id} tbody tr[data-key]")
        if e.get_attribute("data-key")
    ]


def screenshot(driver: WebDriver, name: str) -> Path:
    """The whole page at 1366 px wide (what a 1366×768 screen scrolls through)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})  # type: ignore[attr-defined]
    size = metrics["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": WIDTH, "height": max(HEIGHT, size["height"]), "scale": 1}
    shot = driver.execute_cdp_cmd(  # type: ignore[attr-defined]
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def js(driver: WebDriver, script: str, *args: Any) -> Any:
    return driver.execute_script(script, *args)


def severe_console_errors(driver: WebDriver) -> list[str]:
    """Script errors the page logged (not the 4xx answers a refusal expects)."""
    out = []
    for entry in driver.get_log("browser"):
        message = str(entry.get("message", ""))
        if entry.get("level") == "SEVERE" and "status of 4" not in message:
            out.append(message)
    return out
